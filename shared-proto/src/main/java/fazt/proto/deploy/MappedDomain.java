package fazt.proto.deploy;

import java.time.Instant;

/**
 * A custom domain mapped to an app: {@code domain} in its lower-case ASCII (punycode) form, {@code *.example.com}
 * for a wildcard that maps every direct subdomain; the app by id and current name; {@code state} of its
 * verification and {@code verifiedAt}, when it was last verified (null if never).
 */
public record MappedDomain(String domain, String appId, String appName, DomainState state, Instant verifiedAt) {}
