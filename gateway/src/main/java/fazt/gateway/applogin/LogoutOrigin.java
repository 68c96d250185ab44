package fazt.gateway.applogin;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a logout on an app host may have come from a page of another site: logout works by GET too (a plain link
 * in a static site), so without this check any page, including another app on the same fazt domain, could end a
 * user's session with a link or an image. A browser says where a request came from in {@code Sec-Fetch-Site}; older
 * browsers send {@code Origin} on POST. Requests without either (curl, a typed URL) are the user's own.
 */
final class LogoutOrigin {
    private LogoutOrigin() {}

    /** True when the request comes from a page of another origin and must be refused. */
    static boolean foreign(HttpHeaders headers) {
        String site = headers.get("Sec-Fetch-Site");
        if (site != null) {
            String value = site.trim().toLowerCase(Locale.ROOT);
            return !value.equals("same-origin") && !value.equals("none");
        }
        String origin = headers.get("Origin");
        if (origin == null) {
            return false;
        }
        String host = headers.get("Host");
        try {
            URI uri = URI.create(origin.trim());
            String authority = uri.getRawAuthority();
            return authority == null || host == null || !authority.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
