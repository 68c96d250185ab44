package fazt.scheduler.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts recorded runs on the work queue. A run is recorded first and queued after the commit (an outbox): when the
 * queue does not confirm, the run stays {@code queued} without {@code enqueued_at}, and {@link #requeueStragglers}
 * queues it again later. The queue drops a second copy of the same run id, so nothing runs twice.
 */
public final class Enqueuer {
    /** A recorded run not confirmed as queued after this long is queued again. */
    public static final Duration STRAGGLER_AGE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Enqueuer.class);
    private final Runs runs;
    private final RunQueue queue;
    private final Clock clock;

    public Enqueuer(Runs runs, RunQueue queue, Clock clock) {
        this.runs = runs;
        this.queue = queue;
        this.clock = clock;
    }

    /** Queues a recorded run; a failure is left to {@link #requeueStragglers}. */
    public void enqueue(String runId) {
        try {
            queue.publish(runId);
            runs.markEnqueued(runId, clock.instant());
        } catch (RuntimeException e) {
            log.warn(
                    "run not queued yet runId={} reason={}", runId, e.getClass().getSimpleName());
        }
    }

    /** Queues runs recorded earlier whose queueing was not confirmed; returns how many. */
    public int requeueStragglers() {
        List<String> ids = runs.notEnqueued(clock.instant().minus(STRAGGLER_AGE), 100);
        ids.forEach(this::enqueue);
        return ids.size();
    }
}
