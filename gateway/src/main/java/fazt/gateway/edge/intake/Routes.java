package fazt.gateway.edge.intake;

import fazt.gateway.routing.HostRoute;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminOpenApi;

/** The one table from canonical host and path to a {@link Route} (ADR 19). */
public final class Routes {
    public static final String HEALTH = "/_fazt/health";
    public static final String PLATFORM_PREFIX = "/_fazt/";
    public static final String SETUP_PREFIX = "/_fazt/setup/";
    public static final String ADMIN_API = "/api";
    public static final String FUNCTION_PREFIX = "/api/";
    public static final String DOMAIN_CHALLENGE_PREFIX = "/.well-known/fazt/";
    public static final String ACME_CHALLENGE_PREFIX = "/.well-known/acme-challenge/";

    private Routes() {}

    /** The route of a request for canonical {@code path} with {@code method} on {@code host} (never BAD). */
    public static Route classify(HostRoute host, String method, String path) {
        if (path.equals(HEALTH)) {
            return new Route.Health();
        }
        if (path.startsWith(ACME_CHALLENGE_PREFIX)
                && path.length() > ACME_CHALLENGE_PREFIX.length()
                && path.indexOf('/', ACME_CHALLENGE_PREFIX.length()) < 0) {
            return new Route.AcmeChallenge(path.substring(ACME_CHALLENGE_PREFIX.length()));
        }
        if (host.kind() == HostRoute.Kind.ADMIN) {
            if (isSetup(path)) {
                return new Route.Setup();
            }
            if (path.equals(ADMIN_API + AdminOpenApi.PATH)) {
                return new Route.AdminContract();
            }
            if (path.equals(ADMIN_API) || path.startsWith(ADMIN_API + "/")) {
                String apiPath = path.substring(ADMIN_API.length());
                return new Route.AdminApi(apiPath, AdminApi.TABLE.isPublic(method, apiPath));
            }
            return new Route.NotFound();
        }
        if (host.custom() && path.startsWith(DOMAIN_CHALLENGE_PREFIX)) {
            return new Route.DomainChallenge(host, path.substring(DOMAIN_CHALLENGE_PREFIX.length()));
        }
        if (path.startsWith(PLATFORM_PREFIX)) {
            if (host.kind() == HostRoute.Kind.APP) {
                for (Route.Platform kind : Route.Platform.values()) {
                    if (path.startsWith(kind.prefix)) {
                        return new Route.AppPlatform(host, kind, path.substring(kind.prefix.length()));
                    }
                }
            }
            return new Route.NotFound();
        }
        if (host.kind() == HostRoute.Kind.APP && path.startsWith(FUNCTION_PREFIX)) {
            return new Route.AppFunction(host);
        }
        return new Route.AppStatic(host);
    }

    /** Whether plain HTTP for {@code path} is answered rather than redirected to HTTPS. */
    public static boolean staysPlain(String path) {
        return path.startsWith(ACME_CHALLENGE_PREFIX) || path.startsWith(DOMAIN_CHALLENGE_PREFIX);
    }

    private static boolean isSetup(String path) {
        return path.startsWith(SETUP_PREFIX)
                && path.length() > SETUP_PREFIX.length()
                && path.indexOf('/', SETUP_PREFIX.length()) < 0;
    }
}
