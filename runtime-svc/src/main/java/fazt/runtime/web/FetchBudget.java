package fazt.runtime.web;

import java.util.concurrent.atomic.AtomicInteger;

/** How many outbound fetches one invocation may still start; the engine creates one per invocation. Thread-safe. */
public final class FetchBudget {
    private final int limit;
    private final AtomicInteger used = new AtomicInteger();

    public FetchBudget(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("fetch limit must not be negative: " + limit);
        }
        this.limit = limit;
    }

    /** Counts one fetch, or refuses it when the invocation already made {@code limit}. */
    void take() throws FetchException {
        if (used.incrementAndGet() > limit) {
            used.decrementAndGet();
            throw new FetchException("fetch refused: this invocation already made its " + limit + " outbound fetches");
        }
    }

    /** Fetches started so far. */
    public int used() {
        return used.get();
    }

    public int limit() {
        return limit;
    }
}
