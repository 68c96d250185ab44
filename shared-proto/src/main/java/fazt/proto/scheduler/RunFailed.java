package fazt.proto.scheduler;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * Event: a run reached its dead-letter state ({@code failed}): every counted attempt failed (or the app is gone), and
 * nothing more happens until someone replays it. {@code eventId} is the run id (one such event per run).
 */
@MessageType("scheduler.run_failed.v1")
public record RunFailed(
        String eventId,
        String runId,
        String appId,
        String trigger,
        String source,
        int attempts,
        String error,
        Instant at) {}
