package fazt.proto.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One login provider of an app: its name in the app ({@code provider}), its {@code kind} ({@code google},
 * {@code github}, {@code oidc}, …), the client id, whether a client secret is set (never the secret), and the OIDC
 * discovery URL when the kind needs one.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProviderView(
        String provider,
        String kind,
        String clientId,
        boolean clientSecretSet,
        String discoveryUrl,
        Instant updatedAt) {}
