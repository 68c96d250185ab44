package fazt.auth.domain.appauth;

import fazt.auth.domain.AuthException;

/**
 * Where a login or logout may send the browser back to: only a path on the same host ({@code /notes?x=1}), never
 * another site. Refused: absolute URLs, scheme-relative {@code //evil.example}, backslashes (browsers read
 * {@code /\evil.example} as another host), spaces and control characters, and anything over 2048 characters.
 */
public final class LocalRedirect {
    static final int MAX = 2048;

    private LocalRedirect() {}

    /** {@code redirect} checked, or {@code /} when absent. */
    public static String check(String redirect) {
        if (redirect == null || redirect.isEmpty()) {
            return "/";
        }
        boolean ok = redirect.length() <= MAX
                && redirect.charAt(0) == '/'
                && (redirect.length() == 1 || (redirect.charAt(1) != '/' && redirect.charAt(1) != '\\'));
        for (int i = 0; ok && i < redirect.length(); i++) {
            char c = redirect.charAt(i);
            ok = c > 0x20 && c < 0x7f && c != '\\';
        }
        if (!ok) {
            throw new AuthException.InvalidInput(
                    "redirect",
                    "\"redirect\" must be a path on this host, such as /notes (not a URL of another site).");
        }
        return redirect;
    }
}
