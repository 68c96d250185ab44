package fazt.proto.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code GET /api/me}: the caller as auth-svc resolved it ({@link Principal}). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallerView(String subject, String name, List<String> scopes, String credential) {}
