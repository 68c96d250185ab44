package fazt.auth.api;

import fazt.auth.domain.AuthException;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import java.util.List;

/** The one mapping from auth-svc's failures to problems. A new failure does not compile until it is mapped here. */
final class ProblemMapper {
    private ProblemMapper() {}

    static ProblemException toProblem(AuthException e) {
        Problem base = switch (e) {
            case AuthException.LoginFailed x -> Problem.of(401, "auth/login-failed", "Login failed", x.getMessage());
            case AuthException.InvalidInput x -> Problem.of(400, "auth/invalid-request", "Invalid request", x.getMessage());
            case AuthException.NotAllowed x -> Problem.of(403, "auth/forbidden", "Forbidden", x.getMessage());
            case AuthException.NotFound x -> Problem.of(404, "auth/not-found", "Not found", x.getMessage());
            case AuthException.Conflict x -> Problem.of(409, "auth/conflict", "Conflict", x.getMessage());
            case AuthException.SetupUnavailable x -> Problem.of(404, "auth/setup-unavailable", "Setup link not valid", x.getMessage());
        };
        if (e.field() != null) {
            base = new Problem(base.type(), base.title(), base.status(), base.detail(), base.instance(), base.code(),
                    base.errorId(), base.traceId(), List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }

    static ProblemException unauthorized() {
        return new ProblemException(Problem.of(401, "auth/unauthorized", "Unauthorized",
                "A valid token or session is required."));
    }
}
