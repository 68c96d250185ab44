package fazt.auth.domain.appauth;

import java.time.Instant;

/**
 * One login provider of one app, as stored: the app's name, the provider's id within the app ({@code google},
 * {@code github}, or a chosen name for an OIDC issuer), its kind, the OAuth client id, the client secret sealed by
 * {@link SecretBox}, and the discovery URL for OIDC issuers. The secret never leaves auth-svc in clear.
 */
public record ProviderConfig(
        String app,
        String provider,
        ProviderKind kind,
        String clientId,
        byte[] sealedSecret,
        String discoveryUrl,
        Instant updatedAt) {}
