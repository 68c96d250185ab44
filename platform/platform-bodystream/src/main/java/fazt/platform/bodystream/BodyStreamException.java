package fazt.platform.bodystream;

import fazt.proto.problem.Problem;
import java.io.IOException;

/**
 * Reading a body stream failed: its holder is gone (no responder), did not answer in time, or answered with a
 * problem ({@link #problem()}, null otherwise). The message names the stream and the reason.
 */
public final class BodyStreamException extends IOException {
    private final Problem problem;

    public BodyStreamException(String message, Problem problem) {
        super(message);
        this.problem = problem;
    }

    /** The holder's problem reply, or null when the failure was no answer at all. */
    public Problem problem() {
        return problem;
    }
}
