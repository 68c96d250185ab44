package fazt.scheduler.domain;

/**
 * Every failure scheduler-svc expects, each with a user-safe message. {@code api.ProblemMapper} maps each to a
 * problem type; a new case does not compile until it is mapped.
 */
public abstract sealed class SchedulerException extends RuntimeException {
    private final String field;

    SchedulerException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The offending input field, if any. */
    public String field() {
        return field;
    }

    public static final class AppNotFound extends SchedulerException {
        public AppNotFound(String name) {
            super("No app is called \"" + name + "\".", "name");
        }
    }

    public static final class RunNotFound extends SchedulerException {
        public RunNotFound(String id) {
            super("There is no run " + id + ".", "id");
        }
    }

    public static final class HookNotFound extends SchedulerException {
        public HookNotFound() {
            super("There is no such webhook.", null);
        }
    }

    public static final class HookNameTaken extends SchedulerException {
        public HookNameTaken(String name) {
            super("The app already has a webhook called \"" + name + "\"; delete it first.", "name");
        }
    }

    /** A webhook delivery whose signature did not verify; {@code runId} names the refused run recorded for it. */
    public static final class SignatureRefused extends SchedulerException {
        private final String runId;

        public SignatureRefused(String runId) {
            super("The webhook signature did not verify.", null);
            this.runId = runId;
        }

        public String runId() {
            return runId;
        }
    }

    public static final class PayloadTooLarge extends SchedulerException {
        public PayloadTooLarge(int max) {
            super("The body is larger than " + (max / 1024) + " KiB, the most a background run can carry.", "body");
        }
    }

    /** An async request for a path the app's live version does not declare in {@code fazt.json} {@code async}. */
    public static final class AsyncNotDeclared extends SchedulerException {
        public AsyncNotDeclared() {
            super("The app accepts no async request for this path.", null);
        }
    }

    /** The app's async requests and webhook deliveries came faster than its {@code intake} allows. */
    public static final class RateLimited extends SchedulerException {
        private final long retryAfterSeconds;

        public RateLimited(long retryAfterSeconds) {
            super(
                    "The app accepts no more background requests just now; try again in " + retryAfterSeconds + " s.",
                    null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Keeping this payload would put the app's async and webhook run payloads over its {@code intake.maxStored}. */
    public static final class StorageFull extends SchedulerException {
        public StorageFull(long maxStoredBytes) {
            super(
                    "The app keeps as many background request payloads as it may (" + maxStoredBytes / 1024
                            + " KiB); older runs make room as they expire.",
                    "body");
        }
    }

    public static final class InvalidRequest extends SchedulerException {
        public InvalidRequest(String field, String reason) {
            super(reason, field);
        }
    }

    public static final class NotAllowed extends SchedulerException {
        public NotAllowed(String scope) {
            super("This token lacks the scope " + scope + ".", null);
        }
    }
}
