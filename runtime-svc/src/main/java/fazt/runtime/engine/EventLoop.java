package fazt.runtime.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Value;

/**
 * The event loop of one context: timers, and completions of host work (bindings, fetch) posted back from other
 * threads. Everything but {@link #post} runs on the thread currently driving the context; GraalJS drains the
 * microtask queue itself whenever a task returns to Java. Each invocation gets a new epoch: timers and late
 * completions of an earlier invocation never run in a later one.
 */
final class EventLoop {
    /** Longest single wait for work, so that cancellation and {@code done} are re-checked regularly. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final LinkedBlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Map<Long, Timer> timersById = new HashMap<>();
    private long nextTimerId = 1;
    private long timerSequence;
    private int pendingHostWork;
    private volatile long epoch;

    /** Starts a new invocation: forgets the timers and host work of the previous one. */
    void nextEpoch() {
        epoch++;
        timers.clear();
        timersById.clear();
        inbox.clear();
        pendingHostWork = 0;
    }

    /** Queues work for the context thread; safe from any thread. Work of a past epoch is dropped. */
    void post(Runnable work) {
        inbox.add(new Task(epoch, work));
    }

    /** Wakes a waiting loop so it re-checks its stop conditions. */
    void wake() {
        inbox.add(new Task(-1, () -> {}));
    }

    long setTimer(long delayMillis, Value callback) {
        long id = nextTimerId++;
        Timer timer = new Timer(
                id,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)),
                timerSequence++,
                callback);
        timers.add(timer);
        timersById.put(id, timer);
        return id;
    }

    void clearTimer(long id) {
        Timer timer = timersById.remove(id);
        if (timer != null) {
            timers.remove(timer);
        }
    }

    /**
     * Runs {@code work} (started on the context thread, completing on any thread) and hands its outcome to
     * {@code then} back on the context thread. While it is in flight the loop knows it may still make progress.
     */
    <T> void await(CompletionStage<T> work, BiConsumer<T, Throwable> then) {
        pendingHostWork++;
        long started = epoch;
        work.whenComplete((value, failure) -> inbox.add(new Task(started, () -> {
            pendingHostWork--;
            then.accept(value, failure);
        })));
    }

    /**
     * Runs tasks and due timers until {@code done} holds. Throws {@link Stalled} when nothing can ever make it hold
     * (no timer, no host work in flight), and returns early when {@code stop} holds (the watchdog fired).
     */
    void runUntil(BooleanSupplier done, BooleanSupplier stop) throws InterruptedException {
        runUntil(done, stop, false);
    }

    /**
     * As {@link #runUntil(BooleanSupplier, BooleanSupplier)}; with {@code idleAllowed} the loop also waits when
     * nothing is pending, for work another thread will post (a streamed body waits for the client's next pull).
     */
    void runUntil(BooleanSupplier done, BooleanSupplier stop, boolean idleAllowed) throws InterruptedException {
        while (!done.getAsBoolean()) {
            if (stop.getAsBoolean()) {
                return;
            }
            Task task = inbox.poll();
            if (task == null) {
                Timer due = timers.peek();
                long now = System.nanoTime();
                if (due != null && due.at - now <= 0) {
                    timers.poll();
                    timersById.remove(due.id);
                    due.callback.executeVoid();
                    continue;
                }
                if (due == null && pendingHostWork == 0 && !idleAllowed) {
                    throw new Stalled();
                }
                long wait = due == null ? MAX_WAIT_NANOS : Math.min(MAX_WAIT_NANOS, due.at - now);
                task = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (task == null) {
                    continue;
                }
            }
            if (task.epoch == epoch) {
                task.work.run();
            }
        }
    }

    /** The awaited promise can never settle: nothing is left that could settle it. */
    static final class Stalled extends RuntimeException {
        Stalled() {
            super("the handler's promise never settled (nothing left to wait for)", null, false, false);
        }
    }

    private record Task(long epoch, Runnable work) {}

    private record Timer(long id, long at, long sequence, Value callback) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
