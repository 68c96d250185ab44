package fazt.proto.scheduler;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * A run's public status, or {@code found} false: {@code status} ({@code queued}, {@code running}, {@code retrying},
 * {@code succeeded}, {@code failed}, {@code refused}), its {@code trigger}, how many {@code attempts} ran, and when it
 * was created and finished. No payload, logs or errors: those need the admin API.
 */
@MessageType("scheduler.run_status_reply.v1")
public record RunStatusReply(
        boolean found,
        String runId,
        String trigger,
        String status,
        int attempts,
        Instant createdAt,
        Instant finishedAt) {
    public static RunStatusReply notFound() {
        return new RunStatusReply(false, null, null, null, 0, null, null);
    }
}
