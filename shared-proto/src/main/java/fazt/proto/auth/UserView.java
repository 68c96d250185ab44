package fazt.proto.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An account as the admin API shows it; {@code role} is {@code admin}, {@code developer} or {@code viewer}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserView(String id, String username, String email, String role, boolean disabled, Instant createdAt) {}
