package fazt.runtime.observe;

import fazt.platform.service.BootstrapSettings;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two bounded JetStream streams that keep what apps did: their log lines ({@code <root>.log.app.>}) and their
 * invocation records ({@code <root>.log.invocation.>}). Both drop their oldest messages when a limit is reached, so
 * they never grow past their byte budget; declaring is idempotent and brings an existing stream up to these limits.
 */
@Singleton
final class LogStreams {
    /** Log lines are kept a week. */
    static final Duration APP_LOG_MAX_AGE = Duration.ofDays(7);
    /** Byte budget of all apps' log lines together. */
    static final long APP_LOG_MAX_BYTES = 256L * 1024 * 1024;
    /**
     * Log lines kept per app at most, so that one chatty app cannot push every other app's lines out of the shared
     * byte budget: its own oldest lines go first.
     */
    static final long APP_LOG_MAX_PER_APP = 100_000;
    /** Invocation records are kept two days: metrics look back one day at most. */
    static final Duration INVOCATION_MAX_AGE = Duration.ofDays(2);
    /** Byte budget of all invocation records (about 300 bytes each: some 1.5 million records). */
    static final long INVOCATION_MAX_BYTES = 512L * 1024 * 1024;
    /** Largest message either stream accepts; a larger one is refused (the engine cuts log lines far below it). */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LogStreams.class);

    private final SubjectRoot root;

    @Inject
    LogStreams(BootstrapSettings settings) {
        this(settings.root());
    }

    LogStreams(SubjectRoot root) {
        this.root = root;
    }

    SubjectRoot root() {
        return root;
    }

    /** {@code <ROOT>_LOG_APP}: stream names cannot contain dots, so the root is part of the name. */
    String appLogStream() {
        return name("LOG_APP");
    }

    /** {@code <ROOT>_LOG_INVOCATION}. */
    String invocationStream() {
        return name("LOG_INVOCATION");
    }

    /** Creates both streams, or updates them to the limits above. */
    void declare(Connection nats) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = nats.jetStreamManagement();
        for (StreamConfiguration config : List.of(appLogConfig(), invocationConfig())) {
            try {
                jsm.addStream(config);
                log.info("log stream created stream={}", config.getName());
            } catch (JetStreamApiException e) {
                // 10058: a stream with that name exists; bring its limits up to date instead.
                if (e.getApiErrorCode() != 10058) {
                    throw e;
                }
                jsm.updateStream(config);
            }
        }
    }

    private StreamConfiguration appLogConfig() {
        return StreamConfiguration.builder()
                .name(appLogStream())
                .description("app log lines of fazt (root " + root.value() + ")")
                .subjects(root.qualify(RuntimeSubjects.APP_LOG_ALL))
                .storageType(StorageType.File)
                .discardPolicy(DiscardPolicy.Old)
                .maxAge(APP_LOG_MAX_AGE)
                .maxBytes(APP_LOG_MAX_BYTES)
                .maxMessagesPerSubject(APP_LOG_MAX_PER_APP)
                .maximumMessageSize(MAX_MESSAGE_BYTES)
                .build();
    }

    private StreamConfiguration invocationConfig() {
        return StreamConfiguration.builder()
                .name(invocationStream())
                .description("invocation records of fazt apps (root " + root.value() + ")")
                .subjects(root.qualify(RuntimeSubjects.INVOCATIONS_ALL))
                .storageType(StorageType.File)
                .discardPolicy(DiscardPolicy.Old)
                .maxAge(INVOCATION_MAX_AGE)
                .maxBytes(INVOCATION_MAX_BYTES)
                .maximumMessageSize(MAX_MESSAGE_BYTES)
                .build();
    }

    private String name(String suffix) {
        return root.stream(suffix);
    }
}
