package fazt.scheduler.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.RunStatusReply;
import fazt.proto.scheduler.RunStatusRequest;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.AcceptRuns;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.Runs;
import fazt.scheduler.domain.SchedulerException;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The gateway's entries: {@code svc.scheduler.async.enqueue}, {@code svc.scheduler.hook.receive},
 * {@code svc.scheduler.run.status}; mail-svc's {@code svc.scheduler.email.enqueue}.
 */
@Factory
final class EnqueueEndpoints {
    @Singleton
    RequestEndpoint asyncEnqueue(AcceptRuns accept) {
        return endpoint(SchedulerSubjects.ASYNC_ENQUEUE, request -> {
            Run run = accept.async(request.body(AsyncEnqueueRequest.class));
            return new RunAccepted(run.runId(), run.status());
        });
    }

    @Singleton
    RequestEndpoint hookReceive(AcceptRuns accept) {
        return endpoint(SchedulerSubjects.HOOK_RECEIVE, request -> {
            Run run = accept.webhook(request.body(HookReceiveRequest.class));
            return new RunAccepted(run.runId(), run.status());
        });
    }

    /** mail-svc's request to run an app's email handler; idempotent per message id. */
    @Singleton
    RequestEndpoint emailEnqueue(AcceptRuns accept) {
        return endpoint(SchedulerSubjects.EMAIL_ENQUEUE, request -> {
            Run run = accept.email(request.body(EmailEnqueueRequest.class));
            return new RunAccepted(run.runId(), run.status());
        });
    }

    /** A run's public status; only for the app the host belongs to, so one app's host cannot read another's runs. */
    @Singleton
    RequestEndpoint runStatus(Runs runs) {
        return endpoint(SchedulerSubjects.RUN_STATUS, request -> {
            RunStatusRequest asked = request.body(RunStatusRequest.class);
            return runs.find(asked.runId() == null ? "" : asked.runId())
                    .filter(r -> r.appId().equals(asked.appId()))
                    .map(r -> new RunStatusReply(
                            true, r.runId(), r.trigger(), r.status(), r.attempts(), r.createdAt(), r.finishedAt()))
                    .orElse(RunStatusReply.notFound());
        });
    }

    private interface Handler {
        Object handle(IncomingRequest request);
    }

    private static RequestEndpoint endpoint(String subject, Handler handler) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) {
                try {
                    return handler.handle(request);
                } catch (SchedulerException e) {
                    throw ProblemMapper.toProblem(e);
                }
            }
        };
    }
}
