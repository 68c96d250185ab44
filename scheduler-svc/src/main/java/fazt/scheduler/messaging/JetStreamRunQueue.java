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
 * file storage), declared when the service starts (idempotent), which {@link RunWorker} consumes. A message is the
 * run id as UTF-8 text with the run id as {@code Nats-Msg-Id}, so queueing a run twice within the duplicate window
 * stores it once.
 */
@Context
final class JetStreamRunQueue implements RunQueue {
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
        StreamConfiguration config = StreamConfiguration.builder()
                .name(stream)
                .description("runs of fazt scheduler-svc waiting for an attempt")
                .subjects(subject)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10058) { // exists: bring it up to date
                throw e;
            }
            jsm.updateStream(config);
        }
    }

    @Override
    public void publish(String runId) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, runId);
        try {
            js.publish(NatsMessage.builder()
                    .subject(subject)
                    .headers(headers)
                    .data(runId.getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("work queue refused the run: " + e.getApiErrorCode(), e);
        }
    }
}
