package fazt.runtime.limits;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the per-invocation wall time and memory budget (ADR 0010). One daemon thread looks at every running
 * invocation every {@link #PERIOD_MILLIS} ms: past its deadline, or once the thread running it has allocated more
 * than its budget on the heap since it started (HotSpot's per-thread allocation counter), the invocation's cancel
 * action runs (it closes the GraalJS context with cancellation, which stops the JavaScript at its next safepoint).
 * {@link MemoryPressure} also asks it to cancel the biggest allocator when the heap runs low.
 */
public final class Watchdog implements AutoCloseable {
    /** How often limits are checked; bounds how far past a limit an invocation can get. */
    public static final long PERIOD_MILLIS = 5;

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Set<Guard> running = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    public Watchdog() {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
        thread = Thread.ofPlatform().daemon().name("js-watchdog").start(this::loop);
    }

    /** Why an invocation was stopped. */
    public enum Reason {
        WALL_TIME,
        MEMORY,
        HEAP_LOW
    }

    /**
     * Starts watching the invocation running on {@code worker} (a platform thread) from now: {@code cancel} runs once,
     * on the watchdog thread, when a limit is passed. Close the guard when the invocation ends.
     */
    public Guard watch(Thread worker, Duration wallTime, long memoryBudget, Runnable cancel) {
        return watch(worker, wallTime, memoryBudget, null, cancel);
    }

    /**
     * As {@link #watch(Thread, Duration, long, Runnable)}, counting the bytes its host calls hold ({@code ledger},
     * which then reads the JavaScript allocation from the guard) against the same budget.
     */
    public Guard watch(Thread worker, Duration wallTime, long memoryBudget, HostLedger ledger, Runnable cancel) {
        Guard guard =
                new Guard(worker.threadId(), System.nanoTime() + wallTime.toNanos(), memoryBudget, ledger, cancel);
        if (ledger != null) {
            ledger.countJavaScript(guard::allocated);
        }
        running.add(guard);
        return guard;
    }

    /**
     * Cancels the running invocation that holds the most attributable memory (its JavaScript allocation plus the
     * bytes its host calls hold); for {@link MemoryPressure}.
     */
    public Optional<Guard> cancelBiggest() {
        return cancelBiggest(0);
    }

    /**
     * As {@link #cancelBiggest()}, but only an invocation holding at least {@code minimumBytes}: cancelling a small
     * one frees next to nothing and fails an innocent request.
     */
    public Optional<Guard> cancelBiggest(long minimumBytes) {
        Optional<Guard> biggest = running.stream()
                .filter(g -> g.reason == null)
                .max(Comparator.comparingLong(Guard::attributable))
                .filter(g -> g.attributable() >= minimumBytes);
        biggest.ifPresent(g -> g.trip(Reason.HEAP_LOW));
        return biggest;
    }

    /** Invocations watched now (tests, metrics). */
    public int running() {
        return running.size();
    }

    private void loop() {
        while (!closed) {
            long now = System.nanoTime();
            for (Guard guard : running) {
                if (guard.reason != null) {
                    continue;
                }
                if (now - guard.deadline > 0) {
                    guard.trip(Reason.WALL_TIME);
                } else if (guard.attributable() > guard.budget) {
                    guard.trip(Reason.MEMORY);
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** One watched invocation. */
    public final class Guard implements AutoCloseable {
        private final long threadId;
        private final long deadline;
        private final long budget;
        private final long allocatedAtStart;
        private final HostLedger ledger;
        private final Runnable cancel;
        private volatile Reason reason;

        private Guard(long threadId, long deadline, long budget, HostLedger ledger, Runnable cancel) {
            this.threadId = threadId;
            this.deadline = deadline;
            this.budget = budget;
            this.ledger = ledger;
            this.cancel = cancel;
            // the usual caller is the worker itself, whose counter HotSpot reads without looking the thread up
            this.allocatedAtStart = threadId == Thread.currentThread().threadId()
                    ? THREADS.getCurrentThreadAllocatedBytes()
                    : THREADS.getThreadAllocatedBytes(threadId);
        }

        /** Heap bytes the invocation's thread allocated since the guard started. */
        public long allocated() {
            long now = THREADS.getThreadAllocatedBytes(threadId);
            return now < 0 ? 0 : now - allocatedAtStart;
        }

        /** What the invocation holds as far as the runtime can tell: its JavaScript allocation and its host bytes. */
        public long attributable() {
            return allocated() + (ledger == null ? 0 : ledger.held());
        }

        /** The limit that stopped the invocation, or null while it is within its limits. */
        public Reason reason() {
            return reason;
        }

        /** The memory budget, for messages. */
        public long budget() {
            return budget;
        }

        synchronized void trip(Reason why) {
            if (reason != null) {
                return;
            }
            reason = why;
            log.debug("invocation stopped reason={} attributable={}", why, attributable());
            try {
                cancel.run();
            } catch (RuntimeException e) {
                log.warn(
                        "cancelling an invocation failed reason={}",
                        e.getClass().getSimpleName());
            }
        }

        @Override
        public void close() {
            running.remove(this);
        }
    }
}
