package fazt.platform.nats;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares the JetStream stream that captures a service's events ({@code <root>.evt.<service>.>}), so a consumer
 * that was down catches up. Each service declares its own stream at start; declaring is idempotent.
 */
public final class EventStreams {
    /** Events are kept this long; consumers that were down longer rebuild from the owning service instead. */
    public static final Duration MAX_AGE = Duration.ofDays(7);
    /** Window in which a repeated {@code Nats-Msg-Id} is dropped as a duplicate. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    private EventStreams() {}

    /** Creates the event stream of {@code service}, or updates it to the current settings. */
    public static void declare(Connection nats, SubjectRoot root, ServiceName service)
            throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder()
                .name(root.eventStream(service))
                .description("events of fazt " + service.id() + " (root " + root.value() + ")")
                .subjects(root.eventStreamSubjects(service))
                .storageType(StorageType.File)
                .maxAge(MAX_AGE)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
        try {
            jsm.addStream(config);
            log.info("event stream created stream={}", config.getName());
        } catch (JetStreamApiException e) {
            // 10058: a stream with that name exists; bring its settings up to date instead.
            if (e.getApiErrorCode() != 10058) {
                throw e;
            }
            jsm.updateStream(config);
        }
    }
}
