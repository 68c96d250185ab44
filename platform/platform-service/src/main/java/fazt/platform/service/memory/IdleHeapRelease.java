package fazt.platform.service.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the heap an idle process no longer uses back to the operating system. The serial collector (ADR 6) shrinks
 * the heap only at a full collection, and an idle service never needs one: what start-up (migrations, the runtime's
 * warm-up, auth's argon2 dummy hash) or a burst of load made the heap grow to stays committed for good. Like G1's
 * periodic collections (JEP 346), this runs one full collection right after the services have started, and then one
 * whenever no collection at all happened during a whole interval, that is, only when the process is idle. With
 * {@code -XX:-ShrinkHeapInSteps} (bin/fazt-server) that one collection returns everything above
 * {@code MaxHeapFreeRatio}. One per process, whatever number of services it runs.
 */
public final class IdleHeapRelease {
    private static final Logger log = LoggerFactory.getLogger(IdleHeapRelease.class);
    private static final AtomicBoolean started = new AtomicBoolean();

    private final LongSupplier collections;
    private final Runnable collect;
    private long seen;

    IdleHeapRelease(LongSupplier collections, Runnable collect) {
        this.collections = collections;
        this.collect = collect;
        this.seen = collections.getAsLong();
    }

    /** The interval of {@code seconds} ({@code FAZT_IDLE_GC_SECONDS}, which the caller read): empty when 0 (off). */
    public static Optional<Duration> interval(long seconds) {
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /**
     * Starts the release on a daemon thread of its own, once per process (later calls do nothing): a collection now,
     * then a look every {@code interval}.
     */
    public static void startOnce(Duration interval) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        IdleHeapRelease release = new IdleHeapRelease(IdleHeapRelease::collectionCount, System::gc);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fazt-idle-heap-release");
            thread.setDaemon(true);
            return thread;
        });
        timer.execute(release::collectNow);
        timer.scheduleWithFixedDelay(release::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("idle heap release intervalSeconds={}", interval.toSeconds());
    }

    /** One look: collects when no collection ran since the previous look. Returns whether it collected. */
    boolean check() {
        boolean idle = collections.getAsLong() == seen;
        if (idle) {
            collectNow();
        } else {
            seen = collections.getAsLong();
        }
        return idle;
    }

    private void collectNow() {
        long before = committedHeap();
        collect.run();
        // Our own collection does not count as activity: the next look compares against the count after it.
        seen = collections.getAsLong();
        log.debug("heap released committedBeforeKb={} committedAfterKb={}", before >> 10, committedHeap() >> 10);
    }

    private static long collectionCount() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }
}
