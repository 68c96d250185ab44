package fazt.platform.loop;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background loop of a service on a virtual thread of its own, named for what it does, in one of three shapes:
 * <ul>
 *   <li>{@link #every}: a round every interval (the first after one interval); a failing round is logged and the next
 *       one comes at its time.</li>
 *   <li>{@link #untilDone}: an attempt retried at a fixed interval until it returns (work that waits for another
 *       service, which should start as soon as that service is there).</li>
 *   <li>{@link #forever}: a body meant to run until stopped (a consumer's pull loop); if it ends or fails it is logged
 *       and started again after a backoff pause.</li>
 * </ul>
 * Every failure is logged the same way, {@code background loop failed name= failures= retryIn= reason=}: at WARN for
 * the first failure of a streak and then at most once a minute (DEBUG in between, so a database that is away for an
 * hour does not write 14 400 lines), and {@code background loop recovered name= failures=} at INFO when a round
 * succeeds again. {@link #stop} interrupts the thread and waits for it with a deadline. A body sees the interrupt as
 * an {@link InterruptedException} from whatever it was blocked in, or through {@link Thread#isInterrupted()}.
 */
public final class BackgroundLoop {
    /** How long a failed body first waits before it runs again; the wait doubles up to {@link #MAX_PAUSE}. */
    public static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    /** The longest wait after a streak of failures. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** How often a streak of failures is logged at WARN. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    /** The work of a loop: plain blocking code; throwing is a failure, returning a success. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private enum Shape {
        EVERY,
        UNTIL_DONE,
        FOREVER
    }

    private final String name;
    private final Shape shape;
    private final Duration interval;
    private final Body body;
    private final Thread thread;
    private volatile boolean stopping;

    private BackgroundLoop(String name, Shape shape, Duration interval, Body body) {
        this.name = Objects.requireNonNull(name, "name");
        this.shape = shape;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.body = Objects.requireNonNull(body, "body");
        this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
    }

    /** Starts running {@code round} every {@code interval}, the first time one interval from now. */
    public static BackgroundLoop every(String name, Duration interval, Body round) {
        return new BackgroundLoop(name, Shape.EVERY, interval, round).start();
    }

    /** Starts running {@code attempt} until it returns, waiting {@code retry} after each failure. */
    public static BackgroundLoop untilDone(String name, Duration retry, Body attempt) {
        return new BackgroundLoop(name, Shape.UNTIL_DONE, retry, attempt).start();
    }

    /** Starts {@code body}, which runs until it is interrupted; started again whenever it ends on its own. */
    public static BackgroundLoop forever(String name, Body body) {
        return new BackgroundLoop(name, Shape.FOREVER, FIRST_PAUSE, body).start();
    }

    private BackgroundLoop start() {
        thread.start();
        return this;
    }

    /** The loop's name, which is also its thread's. */
    public String name() {
        return name;
    }

    /** Whether the loop's thread still runs ({@link #untilDone} ends on success, every shape on {@link #stop}). */
    public boolean running() {
        return thread.isAlive();
    }

    /**
     * Stops the loop: no new round starts, the thread is interrupted and waited for at most {@code timeout}. Returns
     * whether it ended in time; a body that ignores interrupts keeps running past it (and is logged).
     */
    public boolean stop(Duration timeout) {
        stopping = true;
        thread.interrupt();
        try {
            if (thread.join(timeout)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("background loop still running at stop name={} waited={}", name, timeout);
        return false;
    }

    private void loop() {
        int failures = 0;
        long lastWarned = 0;
        if (shape == Shape.EVERY && !pause(interval)) {
            return;
        }
        while (!stopping) {
            Duration next;
            long started = System.nanoTime();
            try {
                body.run();
                if (failures > 0 && shape != Shape.FOREVER) {
                    log.info("background loop recovered name={} failures={}", name, failures);
                    failures = 0;
                }
                switch (shape) {
                    case UNTIL_DONE -> {
                        return;
                    }
                    case FOREVER -> {
                        if (stopping) {
                            return;
                        }
                        failures = ranLong(started) ? 1 : failures + 1;
                        log.warn("background loop ended unexpectedly, restarting name={}", name);
                        next = backoff(FIRST_PAUSE, failures);
                    }
                    default -> next = interval;
                }
            } catch (Exception | LinkageError | AssertionError e) {
                if (stopping) {
                    return;
                }
                failures = shape == Shape.FOREVER && ranLong(started) ? 1 : failures + 1;
                next = shape == Shape.FOREVER ? backoff(FIRST_PAUSE, failures) : interval;
                long now = System.nanoTime();
                if (failures == 1 || now - lastWarned >= WARN_EVERY.toNanos()) {
                    lastWarned = now;
                    log.warn(
                            "background loop failed name={} failures={} retryIn={} reason={}",
                            name,
                            failures,
                            next,
                            reason(e));
                } else {
                    log.debug(
                            "background loop failed name={} failures={} retryIn={} reason={}",
                            name,
                            failures,
                            next,
                            reason(e));
                }
            }
            if (!pause(next)) {
                return;
            }
        }
    }

    /** A body that ran this long before it failed had recovered: its failure starts a new streak. */
    private static boolean ranLong(long startedNanos) {
        return System.nanoTime() - startedNanos >= MAX_PAUSE.toNanos();
    }

    /** Sleeps {@code duration}; false when the loop is being stopped. */
    private boolean pause(Duration duration) {
        if (stopping) {
            return false;
        }
        try {
            Thread.sleep(duration);
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** {@code first} doubled per failure after the first, at most {@link #MAX_PAUSE} (or {@code first} if longer). */
    static Duration backoff(Duration first, int failures) {
        if (first.compareTo(MAX_PAUSE) >= 0) {
            return first;
        }
        Duration pause = first;
        for (int i = 1; i < failures && pause.compareTo(MAX_PAUSE) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause;
    }

    static String reason(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
