package fazt.runtime.observe;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import java.util.List;

/** The problems the app observability API answers; types live under {@code https://errors.fazt.dev/runtime/}. */
final class ObserveProblems {
    private ObserveProblems() {}

    /** 400 naming the offending parameter. */
    static ProblemException invalid(String field, String detail) {
        Problem base = Problem.of(400, "runtime/invalid-request", "Invalid request", detail);
        return new ProblemException(new Problem(base.type(), base.title(), base.status(), base.detail(),
                base.instance(), base.code(), base.errorId(), base.traceId(), List.of(new Problem.FieldError(field, detail))));
    }

    static ProblemException appNotFound(String name) {
        return new ProblemException(Problem.of(404, "runtime/app-not-found", "App not found",
                "There is no app named " + name + "."));
    }

    static ProblemException forbidden(String scopes) {
        return new ProblemException(Problem.of(403, "runtime/forbidden", "Forbidden",
                "This token lacks the scope " + scopes + "."));
    }

    static ProblemException unavailable(String what) {
        return new ProblemException(Problem.of(503, "runtime/unavailable", "Service unavailable",
                what + " is not available right now; try again shortly."));
    }
}
