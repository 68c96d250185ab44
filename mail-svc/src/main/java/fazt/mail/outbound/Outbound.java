package fazt.mail.outbound;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message as stored (without its raw bytes): who queued it ({@code appId}, null for an admin, a bounce or
 * a forward of an admin's mailbox), what it is ({@code kind}: send, forward, bounce), its envelope and delivery state.
 */
public record Outbound(
        String id,
        String appId,
        String kind,
        String messageId,
        String envelopeFrom,
        String from,
        List<String> recipients,
        String subject,
        long size,
        String status,
        int attempts,
        String answer,
        Instant queuedAt,
        Instant nextAttemptAt,
        Instant finishedAt) {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String RETRYING = "retrying";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final List<String> STATUSES = List.of(QUEUED, SENDING, RETRYING, SENT, FAILED);

    public static final String SEND = "send";
    public static final String FORWARD = "forward";
    public static final String BOUNCE = "bounce";

    /** Whether delivery has ended (sent or failed): a worker that finds it so acknowledges without sending. */
    public boolean finished() {
        return status.equals(SENT) || status.equals(FAILED);
    }
}
