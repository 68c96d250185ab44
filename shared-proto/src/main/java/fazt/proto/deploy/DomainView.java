package fazt.proto.deploy;

import java.time.Instant;

/**
 * One custom domain of an app, as the admin API shows it: {@code domain} in its ASCII (punycode) form, lower case,
 * {@code *.example.com} for a wildcard; {@code display} its Unicode form (equal to {@code domain} for an ASCII name);
 * {@code app} the app's name; {@code state} {@code pending}, {@code verified} or {@code failed}; {@code reason} why
 * the last check failed (null after a success); {@code verifiedAt} the last successful check, {@code checkedAt} the
 * last check (null before the first); {@code challengeUrl} the address deploy-svc fetches to verify the domain (for a
 * wildcard, under a random label of it) and {@code token} the text it must answer with.
 */
public record DomainView(
        String domain,
        String display,
        String app,
        String state,
        String reason,
        Instant verifiedAt,
        Instant checkedAt,
        String challengeUrl,
        String token) {}
