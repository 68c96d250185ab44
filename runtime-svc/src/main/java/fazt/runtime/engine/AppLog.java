package fazt.runtime.engine;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * Publishes what app authors see of their code's runs: {@code console.*} lines and uncaught errors
 * ({@link AppLogLine} on {@code log.app.<appId>}) and one {@link InvocationRecord} per invocation on
 * {@code log.invocation.<appId>}, as core NATS publishes that the log streams capture. Lines are capped in length and
 * in number per invocation, and each app's lines in bytes per minute ({@link AppLogBudget}), so a chatty or hostile
 * app cannot flood the stream and push other apps' lines out.
 */
@Singleton
final class AppLog {
    /** Longest log line kept; longer ones are cut and marked. */
    static final int MAX_LINE_CHARS = 8 * 1024;
    /** Lines one invocation may log; the rest are counted and reported in one line. */
    static final int MAX_LINES_PER_INVOCATION = 500;

    private final Connection nats;
    private final BootstrapSettings settings;
    private final String instance;
    private final AppLogBudget budget;

    AppLog(Connection nats, BootstrapSettings settings, ServiceIdentity identity) {
        this.nats = nats;
        this.settings = settings;
        this.instance = identity.instance();
        this.budget = new AppLogBudget(Clock.systemUTC());
    }

    String instance() {
        return instance;
    }

    /**
     * A log line of app {@code appId}, tied to {@code requestId} (null for none); dropped when the app is over its
     * per-minute budget ({@link AppLogBudget}), which the app's log then says.
     */
    void line(String appId, String requestId, String level, String message) {
        String text = message.length() > MAX_LINE_CHARS
                ? message.substring(0, MAX_LINE_CHARS) + "… [" + (message.length() - MAX_LINE_CHARS) + " more chars]"
                : message;
        AppLogBudget.Admission admission = budget.admit(appId, text.length());
        if (admission.droppedBefore() > 0) {
            publishLine(
                    appId,
                    null,
                    "warn",
                    admission.droppedBefore() + " log lines dropped: this app logged more than "
                            + (AppLogBudget.BYTES_PER_MINUTE >> 10) + " KB in a minute");
        }
        if (admission.firstDrop()) {
            publishLine(
                    appId,
                    null,
                    "warn",
                    "this app logged more than " + (AppLogBudget.BYTES_PER_MINUTE >> 10)
                            + " KB in a minute: its log lines are dropped until " + admission.windowEnd()
                            + " (the count follows then)");
        }
        if (admission.keep()) {
            publishLine(appId, requestId, level, text);
        }
    }

    private void publishLine(String appId, String requestId, String level, String text) {
        publish(RuntimeSubjects.appLog(appId), new AppLogLine(appId, Instant.now(), level, text, requestId, instance));
    }

    /** The record of a finished invocation. */
    void invocation(InvocationRecord record) {
        publish(RuntimeSubjects.invocations(record.appId()), record);
    }

    private void publish(String subject, Object record) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(record.getClass()));
        nats.publish(NatsMessage.builder()
                .subject(settings.root().qualify(subject))
                .headers(headers)
                .data(MessageCodec.INSTANCE.encode(record))
                .build());
    }
}
