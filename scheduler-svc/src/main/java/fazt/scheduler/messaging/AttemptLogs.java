package fazt.scheduler.messaging;

import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Captures the console output of running attempts: listens to the apps' log lines ({@code <root>.log.app.>}, published
 * by runtime-svc) and keeps, per attempt request id being watched, the lines that carry it, up to {@link #MAX_CHARS}.
 */
@Singleton
final class AttemptLogs {
    /** The most console output kept per attempt. */
    static final int MAX_CHARS = 16 * 1024;

    private final Map<String, StringBuilder> watched = new ConcurrentHashMap<>();
    private final Connection nats;
    private final Dispatcher dispatcher;

    AttemptLogs(Connection nats, BootstrapSettings settings) {
        this.nats = nats;
        this.dispatcher = nats.createDispatcher(message -> {
            AppLogLine line;
            try {
                line = MessageCodec.INSTANCE.decode(message.getData(), AppLogLine.class);
            } catch (RuntimeException e) {
                return;
            }
            StringBuilder out = line.requestId() == null ? null : watched.get(line.requestId());
            if (out != null) {
                synchronized (out) {
                    if (out.length() < MAX_CHARS) {
                        String text = line.level() + " " + line.message() + "\n";
                        out.append(text, 0, Math.min(text.length(), MAX_CHARS - out.length()));
                    }
                }
            }
        });
        dispatcher.subscribe(settings.root().qualify(RuntimeSubjects.APP_LOG_ALL));
    }

    void watch(String requestId) {
        watched.put(requestId, new StringBuilder());
    }

    /** Stops watching and returns what was captured (null when nothing). */
    String collect(String requestId) {
        StringBuilder out = watched.remove(requestId);
        if (out == null) {
            return null;
        }
        synchronized (out) {
            return out.isEmpty() ? null : out.toString();
        }
    }

    @PreDestroy
    void stop() {
        if (nats.getStatus() == Connection.Status.CONNECTED) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
