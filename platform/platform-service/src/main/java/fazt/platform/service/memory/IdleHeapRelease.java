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
 * whenever no collection at all happened for a whole interval, that is, only when the process is idle. It looks
 * several times per interval ({@link #tick}), so a process that has just become idle collects one interval after its
 * last collection, not up to two. With {@code -XX:-ShrinkHeapInSteps} (bin/fazt-server) that one collection returns
 * everything above {@code MaxHeapFreeRatio}. One per process, whatever number of services it runs.
 */
public final class IdleHeapRelease {
    private static final Logger log = LoggerFactory.getLogger(IdleHeapRelease.class);
    private static final AtomicBoolean started = new AtomicBoolean();
    private static final int LOOKS_PER_INTERVAL = 10;

    private final LongSupplier collections;
    private final Runnable collect;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long seen;
    private long quietSince;

    IdleHeapRelease(LongSupplier collections, Runnable collect, LongSupplier nanoClock, Duration interval) {
        this.collections = collections;
        this.collect = collect;
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
        this.seen = collections.getAsLong();
        this.quietSince = nanoClock.getAsLong();
    }

    /** The interval of {@code seconds} ({@code FAZT_IDLE_GC_SECONDS}, which the caller read): empty when 0 (off). */
    public static Optional<Duration> interval(long seconds) {
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** How often the release looks: a tenth of the interval, at least a second. */
    static Duration tick(Duration interval) {
        Duration tenth = interval.dividedBy(LOOKS_PER_INTERVAL);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
    }

    /**
     * Starts the release on a daemon thread of its own, once per process (later calls do nothing): a collection now,
     * then a look every {@link #tick}.
     */
    public static void startOnce(Duration interval) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        IdleHeapRelease release =
                new IdleHeapRelease(IdleHeapRelease::collectionCount, System::gc, System::nanoTime, interval);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fazt-idle-heap-release");
            thread.setDaemon(true);
            return thread;
        });
        long tick = tick(interval).toMillis();
        timer.execute(release::collectNow);
        timer.scheduleWithFixedDelay(release::check, tick, tick, TimeUnit.MILLISECONDS);
        log.info("idle heap release intervalSeconds={}", interval.toSeconds());
    }

    /**
     * One look: collects when no collection ran for a whole interval (the last one, ours included, is at least an
     * interval ago). Returns whether it collected.
     */
    boolean check() {
        long now = nanoClock.getAsLong();
        long count = collections.getAsLong();
        if (count != seen) {
            seen = count;
            quietSince = now;
            return false;
        }
        if (now - quietSince < intervalNanos) {
            return false;
        }
        collectNow();
        return true;
    }

    private void collectNow() {
        long before = committedHeap();
        collect.run();
        // Our own collection does not count as activity, but the next one is an interval after it.
        seen = collections.getAsLong();
        quietSince = nanoClock.getAsLong();
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
