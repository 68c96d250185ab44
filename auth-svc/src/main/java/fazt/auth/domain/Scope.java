package fazt.auth.domain;

import java.util.regex.Pattern;

/**
 * The scopes a token may carry: {@code admin}, {@code read}, {@code deploy:*}, {@code deploy:<app>},
 * {@code logs:*}, {@code logs:<app>}, where {@code <app>} is an app name (lower-case letters, digits and inner
 * hyphens, at most 63 characters).
 */
public final class Scope {
    private static final Pattern VALID =
            Pattern.compile("admin|read|(deploy|logs):(\\*|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)");

    private Scope() {}

    /** {@code scope} itself when valid; else an {@link AuthException.InvalidInput} naming it. */
    public static String parse(String scope) {
        if (scope == null || !VALID.matcher(scope).matches()) {
            throw new AuthException.InvalidInput(
                    "scopes",
                    "\"" + scope + "\" is not a scope; use admin, read,"
                            + " deploy:*, deploy:<app>, logs:* or logs:<app>.");
        }
        return scope;
    }
}
