package fazt.runtime.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads that run JavaScript. Platform, not virtual: each has a real stack of {@code stackBytes}
 * (deep recursion ends in a catchable RangeError, not a crash), and the watchdog measures heap allocation per thread.
 * One thread drives one invocation from start to the end of its streamed body.
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
        executor = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory);
        executor.allowCoreThreadTimeOut(true);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
