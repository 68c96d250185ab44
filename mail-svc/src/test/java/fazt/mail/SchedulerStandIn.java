package fazt.mail;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.SchedulerSubjects;
import io.nats.client.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays scheduler-svc's {@code svc.scheduler.email.enqueue} for mail-svc's tests: records every request and accepts
 * it with a run id (the same id for the same message, as the real scheduler is idempotent per message id).
 */
final class SchedulerStandIn implements AutoCloseable {
    private final List<EmailEnqueueRequest> requests = new CopyOnWriteArrayList<>();
    private final ServiceEndpoints endpoints;

    SchedulerStandIn(Connection nats, SubjectRoot root) {
        endpoints = ServiceEndpoints.start(
                nats,
                root,
                ServiceName.SCHEDULER,
                "0.0.0-standin",
                "scheduler-stand-in-" + UUID.randomUUID(),
                List.of(new RequestEndpoint() {
                    @Override
                    public String subject() {
                        return SchedulerSubjects.EMAIL_ENQUEUE;
                    }

                    @Override
                    public Object handle(IncomingRequest request) {
                        EmailEnqueueRequest asked = request.body(EmailEnqueueRequest.class);
                        requests.add(asked);
                        return new RunAccepted("r_" + asked.messageId(), "queued");
                    }
                }));
    }

    List<EmailEnqueueRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
