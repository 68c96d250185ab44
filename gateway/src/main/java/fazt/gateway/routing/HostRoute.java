package fazt.gateway.routing;

/**
 * Where a request's Host leads. {@code app} is the app to serve for {@link Kind#APP} (the alias; {@code root} for the
 * bare domain) and {@link Kind#UNKNOWN} (the {@code 404} app, served with status 404).
 */
public record HostRoute(Kind kind, String app, String host) {
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
}
