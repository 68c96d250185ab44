package fazt.gateway.edge.intake;

import fazt.gateway.routing.HostRoute;
import fazt.proto.auth.AppSession;

/**
 * What a request is, decided once by {@link EdgeIntake} from its canonical host and path (ADR 19). Every later
 * decision (body mode, authentication, the handler) reads this and never the raw request line or Host header.
 */
public sealed interface Route {
    /** {@code /_fazt/health} on any host. */
    record Health() implements Route {}

    /** The first-run setup page {@code /_fazt/setup/<secret>} on the admin host. */
    record Setup() implements Route {}

    /** {@code /api/openapi.json} on the admin host: the admin API's OpenAPI document, public. */
    record AdminContract() implements Route {}

    /** {@code /api...} on the admin host; {@code apiPath} without the {@code /api} prefix. */
    record AdminApi(String apiPath, boolean publicRoute) implements Route {}

    /** A platform path under {@code /_fazt/} on an app host; {@code rest} follows the kind's prefix. */
    record AppPlatform(HostRoute host, Platform kind, String rest) implements Route {}

    /** A path under {@code /api/} on an app host: the app's function when it has server code, else nothing. */
    record AppFunction(HostRoute host) implements Route {}

    /** Anything else on an app host, or the {@code 404} app's answer for an unknown host. */
    record AppStatic(HostRoute host) implements Route {}

    /** {@code /.well-known/acme-challenge/<token>} on any host: an ACME HTTP-01 answer (ADR 28). */
    record AcmeChallenge(String token) implements Route {}

    /** Plain HTTP when {@code FAZT_HTTP_REDIRECT} is on: {@code 308} to {@code location} (ADR 28). */
    record HttpsRedirect(String location) implements Route {}

    /**
     * {@code /.well-known/fazt/<token>} on a custom domain: the verification challenge deploy-svc fetches
     * (docs/adr/0027-custom-domains.md); {@code token} is the rest of the path.
     */
    record DomainChallenge(HostRoute host, String token) implements Route {}

    /** Nothing is served here: other {@code /_fazt/} paths, non-API paths on the admin host. */
    record NotFound() implements Route {}

    /** The platform's paths on app hosts. */
    enum Platform {
        LOGIN(AppSession.PATH_PREFIX),
        ASYNC("/_fazt/async/"),
        HOOK("/_fazt/hooks/"),
        RUN_STATUS("/_fazt/runs/");

        public final String prefix;

        Platform(String prefix) {
            this.prefix = prefix;
        }
    }
}
