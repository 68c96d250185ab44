package fazt.auth.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Holds every permit of a {@link HashingPool} (as slow hashes in flight would) until closed. */
public final class FullHashingPool implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> holders = new ArrayList<>();

    private FullHashingPool() {}

    /** Takes all {@link HashingPool#concurrency()} permits of {@code pool}; returns once they are all held. */
    public static FullHashingPool fill(HashingPool pool) throws InterruptedException {
        FullHashingPool full = new FullHashingPool();
        CountDownLatch held = new CountDownLatch(pool.concurrency());
        for (int i = 0; i < pool.concurrency(); i++) {
            full.holders.add(Thread.ofVirtual()
                    .start(() -> pool.run(() -> {
                        held.countDown();
                        try {
                            full.release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    })));
        }
        held.await();
        return full;
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            holder.join();
        }
    }
}
