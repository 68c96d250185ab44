package fazt.runtime.observe;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.admin.AdminInput;
import fazt.proto.ServiceName;
import fazt.proto.problem.Problem;

/** The problems the app observability API answers; types live under {@code https://errors.fazt.dev/runtime/}. */
final class ObserveProblems {
    private ObserveProblems() {}

    private static final AdminInput INPUT = new AdminInput(ServiceName.RUNTIME);

    /** 400 naming the offending parameter. */
    static ProblemException invalid(String field, String detail) {
        return INPUT.invalid(field, detail);
    }

    static ProblemException appNotFound(String name) {
        return new ProblemException(
                Problem.of(404, "runtime/app-not-found", "App not found", "There is no app named " + name + "."));
    }

    static ProblemException unavailable(String what) {
        return new ProblemException(Problem.of(
                503,
                "runtime/unavailable",
                "Service unavailable",
                what + " is not available right now; try again shortly."));
    }
}
