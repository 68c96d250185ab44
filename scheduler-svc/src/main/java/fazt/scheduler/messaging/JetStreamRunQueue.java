package fazt.scheduler.messaging;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.RunQueue;
import io.micronaut.context.annotation.Context;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The work queue of runs: a JetStream work-queue stream ({@code <ROOT>_WORK_SCHEDULER} on {@code <root>.work.scheduler.run},
 * file storage) and one durable pull consumer shared by every scheduler instance, with explicit acks. A message is the
 * run id as UTF-8 text with the run id as {@code Nats-Msg-Id}, so queueing a run twice within the duplicate window
 * stores it once. Declared when the service starts; declaring is idempotent.
 */
@Context
final class JetStreamRunQueue implements RunQueue {
    /** The durable consumer all instances pull from. */
    static final String CONSUMER = "scheduler-runs";
    /** Without an ack or in-progress signal for this long, a message goes to another instance. */
    static final Duration ACK_WAIT = Duration.ofSeconds(30);
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

    private final Connection nats;
    private final String stream;
    private final String subject;
    private final JetStream js;

    JetStreamRunQueue(Connection nats, BootstrapSettings settings) throws IOException, JetStreamApiException {
        this.nats = nats;
        this.stream = SchedulerSubjects.workStream(settings.root());
        this.subject = settings.root().qualify(SchedulerSubjects.WORK);
        this.js = nats.jetStream();
        declare();
    }

    private void declare() throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder().name(stream)
                .description("runs of fazt scheduler-svc waiting for an attempt")
                .subjects(subject).retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW).build();
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10058) { // exists: bring it up to date
                throw e;
            }
            jsm.updateStream(config);
        }
        // Attempts are counted by the scheduler, not by the consumer: deliveries are unlimited.
        jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(CONSUMER).filterSubject(subject)
                .ackPolicy(AckPolicy.Explicit).ackWait(ACK_WAIT).maxDeliver(-1).maxAckPending(10_000).build());
    }

    @Override
    public void publish(String runId) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, runId);
        try {
            js.publish(NatsMessage.builder().subject(subject).headers(headers)
                    .data(runId.getBytes(StandardCharsets.UTF_8)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("work queue refused the run: " + e.getApiErrorCode(), e);
        }
    }

    /** A pull subscription bound to the shared durable consumer. */
    JetStreamSubscription subscribe() throws IOException, JetStreamApiException {
        return js.subscribe(subject, PullSubscribeOptions.bind(stream, CONSUMER));
    }
}
