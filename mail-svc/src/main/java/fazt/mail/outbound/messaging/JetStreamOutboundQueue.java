package fazt.mail.outbound.messaging;

import fazt.mail.outbound.OutboundQueue;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.mail.MailSubjects;
import io.micronaut.context.annotation.Context;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The work queue of outbound mail: the JetStream work-queue stream {@code <ROOT>_WORK_MAIL} on
 * {@code <root>.work.mail.outbound} (file storage), declared at start (idempotent), consumed by
 * {@link OutboundWorker}. The outbound id is the {@code Nats-Msg-Id}, so a message queued twice within
 * {@link #DUPLICATE_WINDOW} is stored once.
 */
@Context
final class JetStreamOutboundQueue implements OutboundQueue {
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final Connection nats;
    private final String stream;
    private final String subject;
    private final JetStream js;

    JetStreamOutboundQueue(Connection nats, BootstrapSettings settings) throws IOException, JetStreamApiException {
        this.nats = nats;
        this.stream = MailSubjects.workStream(settings.root());
        this.subject = settings.root().qualify(MailSubjects.WORK);
        this.js = nats.jetStream(
                JetStreamOptions.builder().requestTimeout(PUBLISH_TIMEOUT).build());
        declare();
    }

    private void declare() throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder()
                .name(stream)
                .description("outbound mail of fazt mail-svc waiting for the relay")
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
    public void publish(String id, Instant queuedAt) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, id);
        try {
            js.publish(NatsMessage.builder()
                    .subject(subject)
                    .headers(headers)
                    .data(new Work(id, queuedAt).text().getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException("work queue refused the outbound message: " + e.getApiErrorCode(), e);
        }
    }
}
