package fazt.runtime.engine;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads that run JavaScript. Platform, not virtual: each has a real stack of {@code stackBytes}
 * (deep recursion ends in a catchable RangeError, not a crash), and the watchdog measures heap allocation per thread.
 * One thread drives one invocation from start to the end of its streamed body.
 *
 * <p>Threads are started only when none is idle, and a task goes to the thread that became idle last (a
 * {@link SynchronousQueue} hands off to its most recent waiter): under load a few hot threads keep serving the few
 * busy contexts, instead of every request landing on another of up to {@code maxThreads} threads, each new to the
 * context it enters (GraalJS's slow path on a thread change, cold caches). A task beyond {@code maxThreads} busy threads
 * is rejected; the pool of contexts keeps far fewer invocations running than that.
 */
final class JsThreads implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    JsThreads(int maxThreads, long stackBytes) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(null, task, "js-" + counter.incrementAndGet(), stackBytes);
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
