package fazt.gateway.routing;

/**
 * Where a request's Host leads. {@code app} is the app to serve for {@link Kind#APP} (the alias; {@code root} for the
 * bare domain) and {@link Kind#UNKNOWN} (the {@code 404} app, served with status 404). {@code mapping} is the custom
 * domain the host falls under ({@code shop.example.com}, or {@code *.example.com} for a host under a wildcard), null
 * for the install's own hosts.
 */
public record HostRoute(Kind kind, String app, String host, String mapping) {
    /** The app served for the bare domain and {@code root.<domain>}. */
    public static final String ROOT_APP = "root";
    /** The app served, with status 404, for unknown hosts and paths. */
    public static final String NOT_FOUND_APP = "404";

    public enum Kind {
        APP,
        ADMIN,
        UNKNOWN,
        BAD
    }

    /** A route of the install's own hosts (no custom domain). */
    public HostRoute(Kind kind, String app, String host) {
        this(kind, app, host, null);
    }

    /** Whether the host is a custom domain mapped to the app: nothing served on it names fazt or the base domain. */
    public boolean custom() {
        return mapping != null;
    }
}
