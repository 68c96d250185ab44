package fazt.platform.nats;

import fazt.proto.problem.Problem;

/**
 * An expected failure of a request, carrying the {@link Problem} the caller receives. Its message is the problem's
 * user-safe detail, so logging it never leaks a cause.
 */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
