package fazt.auth.api;

import fazt.proto.auth.AppSession;
import java.time.Duration;

/**
 * Reads and writes the two app-login cookies ({@link AppSession#COOKIE}, {@link AppSession#LOGIN_COOKIE}). Both are
 * host-only (no {@code Domain}: never sent to another app's host), {@code HttpOnly}, {@code SameSite=Lax} (sent on the
 * provider's top-level redirect back, not on cross-site subrequests), and under HTTPS {@code Secure} with the
 * {@code __Host-} name ({@link AppSession#cookie(boolean)}), so a sibling app cannot toss one in.
 */
final class AppLoginCookies {
    private static final int MAX_HEADER = 8192;

    private AppLoginCookies() {}

    /** The value of cookie {@code name} in a Cookie header, or null. */
    static String read(String header, String name) {
        if (header == null || header.length() > MAX_HEADER) {
            return null;
        }
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                String value = part.substring(eq + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    static String set(String name, String value, String path, Duration maxAge, boolean https) {
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (https ? "; Secure" : "");
    }

    static String clear(String name, String path, boolean https) {
        return set(name, "", path, Duration.ZERO, https);
    }
}
