package fazt.auth.api;

import fazt.auth.domain.AuthException;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.admin.AdminRouter;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.problem.Problem;
import java.util.List;
import java.util.Map;

/** The one mapping from auth-svc's failures to problems. A new failure does not compile until it is mapped here. */
final class ProblemMapper {
    private ProblemMapper() {}

    static ProblemException toProblem(AuthException e) {
        Problem base =
                switch (e) {
                    case AuthException.LoginFailed x ->
                        Problem.of(401, "auth/login-failed", "Login failed", x.getMessage());
                    case AuthException.InvalidInput x ->
                        Problem.of(400, "auth/invalid-request", "Invalid request", x.getMessage());
                    case AuthException.NotAllowed x -> Problem.of(403, "auth/forbidden", "Forbidden", x.getMessage());
                    case AuthException.NotFound x -> Problem.of(404, "auth/not-found", "Not found", x.getMessage());
                    case AuthException.Conflict x -> Problem.of(409, "auth/conflict", "Conflict", x.getMessage());
                    case AuthException.Unavailable x ->
                        Problem.of(503, "auth/dependency-unavailable", "Service unavailable", x.getMessage());
                    case AuthException.AppLoginRefused x -> appLogin(x);
                    case AuthException.Busy x ->
                        Problem.of(429, "auth/busy", "Too many logins at once", x.getMessage());
                    case AuthException.SetupUnavailable x ->
                        Problem.of(404, "auth/setup-unavailable", "Setup link not valid", x.getMessage());
                };
        if (e.field() != null) {
            base = new Problem(
                    base.type(),
                    base.title(),
                    base.status(),
                    base.detail(),
                    base.instance(),
                    base.code(),
                    base.errorId(),
                    base.traceId(),
                    List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }

    private static Problem appLogin(AuthException.AppLoginRefused e) {
        return switch (e.reason()) {
            case STATE -> Problem.of(400, "auth/app-login-state", "Login state not valid", e.getMessage());
            case DENIED -> Problem.of(401, "auth/app-login-denied", "Login denied by the provider", e.getMessage());
            case PROVIDER ->
                Problem.of(401, "auth/app-login-provider", "Login refused by the provider", e.getMessage());
            case PROVIDER_FAILED ->
                Problem.of(502, "auth/app-login-provider-failed", "Login provider failed", e.getMessage());
            case ID_TOKEN -> Problem.of(401, "auth/app-login-id-token", "ID token refused", e.getMessage());
            case NOT_ALLOWED ->
                Problem.of(403, "auth/app-login-not-allowed", "Not allowed in this app", e.getMessage());
            case LOGIN_REQUIRED -> Problem.of(401, "auth/app-login-required", "Login required", e.getMessage());
            case RATE_LIMITED -> Problem.of(429, "auth/app-login-rate-limited", "Too many logins", e.getMessage());
        };
    }

    /**
     * The 429 of a full hashing pool as an answer of its own rather than a problem reply, so that it can carry
     * {@code Retry-After}; the body is the same problem+json.
     */
    static AdminResponse busy(AuthException.Busy e, AdminRequest request) {
        return AdminRouter.problemAnswer(
                toProblem(e).problem(),
                request,
                Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
    }
}
