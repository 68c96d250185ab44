package fazt.platform.nats;

import java.time.Duration;

/**
 * Why a blocking {@link NatsRequester#call} returned no reply: one of four cases, so a caller that maps failures can
 * {@code switch} over them and the compiler checks that none is forgotten. A caller that does not map them lets them
 * pass: a {@link Problem} that reaches a service endpoint is answered as the very problem the other service sent (as a
 * {@link ProblemException} would be), the other cases as an unexpected failure. Messages name the subject, never a
 * cause; no stack trace is taken.
 */
public abstract sealed class CallFailure extends RuntimeException
        permits CallFailure.NoAnswer, CallFailure.NoResponders, CallFailure.Problem, CallFailure.Interrupted {
    private final String subject;

    private CallFailure(String subject, String message) {
        super(message, null, false, false);
        this.subject = subject;
    }

    /** The subject asked, without the root. */
    public String subject() {
        return subject;
    }

    /** Someone listens on the subject, but no reply came within the timeout. */
    public static final class NoAnswer extends CallFailure {
        private final Duration timeout;

        public NoAnswer(String subject, Duration timeout) {
            super(subject, "no answer on " + subject + " within " + timeout.toMillis() + " ms");
            this.timeout = timeout;
        }

        public Duration timeout() {
            return timeout;
        }
    }

    /** No instance of the addressed service is listening. */
    public static final class NoResponders extends CallFailure {
        public NoResponders(String subject) {
            super(subject, "no service answers " + subject);
        }
    }

    /** The addressed service answered with an RFC 9457 problem (an ADR-32 error reply). */
    public static final class Problem extends CallFailure {
        private final fazt.proto.problem.Problem problem;

        public Problem(String subject, fazt.proto.problem.Problem problem) {
            super(subject, problem.detail());
            this.problem = problem;
        }

        public fazt.proto.problem.Problem problem() {
            return problem;
        }
    }

    /** The waiting thread was interrupted; its interrupt flag is set again. */
    public static final class Interrupted extends CallFailure {
        public Interrupted(String subject) {
            super(subject, "interrupted while waiting for " + subject);
        }
    }
}
