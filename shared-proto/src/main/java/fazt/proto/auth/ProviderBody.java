package fazt.proto.auth;

/**
 * The body of {@code PUT /api/apps/{name}/auth/providers/{provider}}: the provider's kind, client id and secret
 * (kept sealed; omitted keeps the one set), and the OIDC discovery URL for kinds that need one.
 */
public record ProviderBody(String kind, String clientId, String clientSecret, String discoveryUrl) {}
