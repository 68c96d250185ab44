package fazt.deploy.domain;

import fazt.proto.deploy.DomainState;
import java.time.Instant;
import java.util.Locale;

/**
 * A custom domain mapped to an app, as deploy-svc stores it: the ASCII name ({@code *.example.com} for a wildcard),
 * the app, the verification {@code token}, where verification stands ({@code state}, the last failure's
 * {@code reason}, {@code failures} in a row, {@code verifiedAt} and {@code checkedAt}).
 */
public record Domain(
        String name,
        AppId appId,
        String appName,
        String token,
        DomainState state,
        String reason,
        int failures,
        Instant verifiedAt,
        Instant checkedAt) {
    /** The host deploy-svc fetches the challenge from: the name, or a label derived from the token under a wildcard. */
    public String checkHost() {
        return name.startsWith("*.")
                ? "fazt-check-" + token.substring(0, 8).toLowerCase(Locale.ROOT) + name.substring(1)
                : name;
    }

    /** The address deploy-svc fetches to verify the domain. */
    public String challengeUrl() {
        return "http://" + checkHost() + "/.well-known/fazt/" + token;
    }
}
