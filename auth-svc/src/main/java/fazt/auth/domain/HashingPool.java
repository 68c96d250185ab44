package fazt.auth.domain;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one way into {@link PasswordHasher}: at most {@link #concurrency()} argon2 runs at once (a semaphore bulkhead),
 * since each holds about {@value #MIB_PER_HASH} MiB of heap for its duration. A call that finds every permit taken
 * does not wait: it fails at once with {@link AuthException.Busy}, so a flood of logins costs a refusal each, never a
 * queue or a heap exhausted by parallel hashes.
 */
public final class HashingPool {
    /** Heap one hash needs: the 19 MiB argon2 memory plus the block objects around it. */
    public static final int MIB_PER_HASH = 20;
    /** How long a refused caller is told to wait: a hash takes well under a second. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordHasher hasher;
    private final Bulkhead bulkhead;
    private final AtomicLong runs = new AtomicLong();

    public HashingPool(PasswordHasher hasher, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.hasher = hasher;
        this.bulkhead = Bulkhead.of(
                "password-hashing",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(concurrency)
                        .maxWaitDuration(Duration.ZERO)
                        .build());
    }

    /**
     * The default concurrency for a heap of {@code maxHeapBytes} on {@code processors} cores: hashes may take half the
     * heap (the service needs the rest), and never more at once than there are cores (argon2 with one lane keeps one
     * core busy, so more only hold memory longer); at least one. A 64 MB heap gets 1, 320 MB on 2 cores gets 2.
     */
    public static int defaultConcurrency(long maxHeapBytes, int processors) {
        long byHeap = maxHeapBytes / 2 / (MIB_PER_HASH * 1024L * 1024L);
        return (int) Math.max(1, Math.min(byHeap, Math.max(1, processors)));
    }

    /** A new hash of {@code password}, or {@link AuthException.Busy} when the pool is full. */
    public String hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** Whether {@code password} matches {@code encoded}, or {@link AuthException.Busy} when the pool is full. */
    public boolean matches(String password, String encoded) {
        return run(() -> hasher.matches(password, encoded));
    }

    /** A hash no password matches, at the cost of a real one to check ({@link PasswordHasher#unmatchable()}); no argon2 run. */
    public String unmatchable() {
        return hasher.unmatchable();
    }

    /** Runs {@code hashing} holding one permit of the pool. */
    <T> T run(Supplier<T> hashing) {
        try {
            return bulkhead.executeSupplier(() -> {
                runs.incrementAndGet();
                return hashing.get();
            });
        } catch (BulkheadFullException e) {
            throw new AuthException.Busy(RETRY_AFTER);
        }
    }

    public int concurrency() {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    }

    /** How many hashes (and checks) ran through the pool since start: refusals are not counted. */
    public long runs() {
        return runs.get();
    }
}
