package fazt.scheduler.api;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.SchedulerException;
import java.util.List;

/** The one mapping from scheduler-svc's failures to problems. A new failure does not compile until it is mapped here. */
final class ProblemMapper {
    private ProblemMapper() {}

    static ProblemException toProblem(SchedulerException e) {
        Problem base =
                switch (e) {
                    case SchedulerException.AppNotFound x ->
                        Problem.of(404, "scheduler/app-not-found", "App not found", x.getMessage());
                    case SchedulerException.RunNotFound x ->
                        Problem.of(404, "scheduler/run-not-found", "Run not found", x.getMessage());
                    case SchedulerException.HookNotFound x ->
                        Problem.of(404, "scheduler/hook-not-found", "Webhook not found", x.getMessage());
                    case SchedulerException.HookNameTaken x ->
                        Problem.of(409, "scheduler/hook-name-taken", "Webhook name already in use", x.getMessage());
                    case SchedulerException.SignatureRefused x ->
                        Problem.of(401, "scheduler/signature-refused", "Signature refused", x.getMessage())
                                .withExtension("runId", x.runId());
                    case SchedulerException.PayloadTooLarge x ->
                        Problem.of(413, "scheduler/payload-too-large", "Payload too large", x.getMessage());
                    case SchedulerException.AsyncNotDeclared x ->
                        Problem.of(404, "scheduler/async-not-declared", "Not found", x.getMessage());
                    case SchedulerException.RateLimited x ->
                        Problem.of(429, "scheduler/rate-limited", "Too many requests", x.getMessage())
                                .withExtension(SchedulerSubjects.RETRY_AFTER, x.retryAfterSeconds());
                    case SchedulerException.StorageFull x ->
                        Problem.of(507, "scheduler/storage-full", "Insufficient storage", x.getMessage());
                    case SchedulerException.InvalidRequest x ->
                        Problem.of(400, "scheduler/invalid-request", "Invalid request", x.getMessage());
                    case SchedulerException.NotAllowed x ->
                        Problem.of(403, "scheduler/forbidden", "Forbidden", x.getMessage());
                };
        if (e.field() != null) {
            base = base.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }
}
