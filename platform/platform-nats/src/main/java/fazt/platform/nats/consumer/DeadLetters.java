package fazt.platform.nats.consumer;

import fazt.platform.nats.FaztHeaders;
import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;

/**
 * The dead letters of an installation: the JetStream stream {@code <ROOT>_DLQ} on {@code <root>.dlq.>} (file storage,
 * kept 30 days, at most 256 MiB, oldest dropped first) and the one way a consumer puts a message there: published on
 * {@code <root>.dlq.<service>.<consumer>} with its data and headers as they were, plus the
 * {@code Fazt-Dead-Letter-*} headers naming where it came from, how often it was delivered and why it failed. The
 * message's {@code Nats-Msg-Id} is kept, so dead-lettering the same message twice stores it once.
 */
public final class DeadLetters {
    public static final Duration MAX_AGE = Duration.ofDays(30);
    public static final long MAX_BYTES = 256L * 1024 * 1024;
    static final int MAX_ERROR_CHARS = 512;

    private final Connection nats;
    private final SubjectRoot root;
    private final JetStream jetStream;
    private volatile boolean declared;

    DeadLetters(Connection nats, SubjectRoot root) throws IOException {
        this.nats = nats;
        this.root = root;
        this.jetStream = nats.jetStream();
    }

    SubjectRoot root() {
        return root;
    }

    /** The dead-letter stream's name for {@code root}: {@code FAZT_DLQ}. */
    public static String stream(SubjectRoot root) {
        return root.stream("DLQ");
    }

    /** The qualified subject of {@code consumer}'s dead letters. */
    public static String subject(SubjectRoot root, ServiceName service, String consumer) {
        return root.qualify(SubjectGrammar.deadLetter(service, consumer));
    }

    /** Stores {@code message} as a dead letter of {@code consumer}; throws if the stream did not store it. */
    void publish(ServiceName service, String consumer, Message message, long deliveries, Throwable error)
            throws IOException, JetStreamApiException {
        declare();
        Headers headers = new Headers();
        if (message.getHeaders() != null) {
            message.getHeaders().forEach((key, values) -> headers.put(key, values));
        }
        headers.put(FaztHeaders.DEAD_LETTER_SUBJECT, message.getSubject());
        if (message.isJetStream()) {
            headers.put(
                    FaztHeaders.DEAD_LETTER_SOURCE,
                    message.metaData().getStream() + ":" + message.metaData().streamSequence());
        }
        headers.put(FaztHeaders.DEAD_LETTER_CONSUMER, consumer);
        headers.put(FaztHeaders.DEAD_LETTER_DELIVERIES, Long.toString(deliveries));
        headers.put(FaztHeaders.DEAD_LETTER_ERROR, describe(error));
        jetStream.publish(subject(root, service, consumer), headers, message.getData());
    }

    private void declare() throws IOException, JetStreamApiException {
        if (declared) {
            return;
        }
        JetStreamManagement jsm = nats.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder()
                .name(stream(root))
                .description("dead letters of fazt consumers (root " + root.value() + ")")
                .subjects(root.qualify(SubjectGrammar.DEAD_LETTER + ".>"))
                .storageType(StorageType.File)
                .maxAge(MAX_AGE)
                .maxBytes(MAX_BYTES)
                .discardPolicy(DiscardPolicy.Old)
                .build();
        try {
            jsm.addStream(config);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10058) { // exists: bring it up to date
                throw e;
            }
            jsm.updateStream(config);
        }
        declared = true;
    }

    static String describe(Throwable error) {
        String text = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        text = text.replace('\r', ' ').replace('\n', ' ');
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
    }
}
