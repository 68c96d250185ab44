package fazt.runtime.limits;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What one invocation makes the host hold, and how many host calls it runs at once (ADR 0034). Every byte a host
 * call will hand to JavaScript (a fetch response body, a storage or mail reply, a file read) is charged here before it
 * is allocated or as it arrives, through the call's {@link Lease}, and released when JavaScript has taken it or the
 * call failed. A charge that would take the invocation's JavaScript allocation plus its host bytes past its memory
 * budget is refused with {@link Refused}, whose message the app sees as the call's error; so are charges after the
 * invocation ended or was cancelled, which stops host threads still reading for it at their next chunk. The
 * {@link Watchdog} counts {@link #held} with the JavaScript allocation.
 *
 * <p>Host calls beyond {@code maxCalls} at once wait, in order, until one of the invocation's calls finishes
 * ({@link #startCall}, {@link #endCall}: both on the context's thread only).
 */
public final class HostLedger {
    private final long budget;
    private final int maxCalls;
    private final AtomicLong held = new AtomicLong();
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private volatile LongSupplier jsAllocated = () -> 0;
    private volatile boolean closed;
    private int running;

    /**
     * @param budget the invocation's memory budget in bytes (JavaScript allocation and host bytes together)
     * @param maxCalls host calls (fetches, bindings) the invocation may run at once; more wait
     */
    public HostLedger(long budget, int maxCalls) {
        if (budget <= 0 || maxCalls <= 0) {
            throw new IllegalArgumentException("budget and maxCalls must be positive");
        }
        this.budget = budget;
        this.maxCalls = maxCalls;
    }

    /** A ledger without limits, for code that runs outside any invocation (the deploy-time check). */
    public static HostLedger unlimited() {
        return new HostLedger(Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Where the invocation's JavaScript allocation is read from (its watchdog guard). */
    public void countJavaScript(LongSupplier allocated) {
        this.jsAllocated = allocated;
    }

    /** Bytes host calls hold for the invocation now. */
    public long held() {
        return held.get();
    }

    /** The budget, for messages. */
    public long budget() {
        return budget;
    }

    /** Whether the invocation still runs (host threads stop reading for it once this is false). */
    public boolean live() {
        return !closed;
    }

    /** A charge account for one host call; close it when JavaScript took the bytes or the call failed. */
    public Lease lease() {
        return new Lease();
    }

    /** Starts {@code call} now, or once fewer than {@code maxCalls} of the invocation's calls run. Context thread only. */
    public void startCall(Runnable call) {
        if (closed) {
            return;
        }
        if (running < maxCalls) {
            running++;
            call.run();
        } else {
            waiting.addLast(call);
        }
    }

    /** A call started by {@link #startCall} finished: the next waiting one starts. Context thread only. */
    public void endCall() {
        running--;
        Runnable next = closed ? null : waiting.pollFirst();
        if (next != null) {
            running++;
            next.run();
        }
    }

    /** Host calls waiting for a slot (tests). */
    public int waitingCalls() {
        return waiting.size();
    }

    /** The invocation ended or was cancelled: every later charge is refused and waiting calls never start. */
    public void close() {
        closed = true;
    }

    /** A host call's charges. */
    public final class Lease implements AutoCloseable {
        private final AtomicLong charged = new AtomicLong();

        private Lease() {}

        /**
         * Charges {@code bytes} the call is about to hold (or just received) for {@code what} ("env.FILES.get"),
         * or throws {@link Refused} when that would take the invocation past its budget or it ended.
         */
        public void charge(long bytes, String what) {
            if (closed) {
                throw new Refused(what + " stopped: the request ended");
            }
            long js = Math.max(0, jsAllocated.getAsLong());
            long now = held.addAndGet(bytes);
            if (budget != Long.MAX_VALUE && js + now > budget) {
                held.addAndGet(-bytes);
                throw new Refused(what + " refused: its " + mb(bytes) + " MB would take this request past its memory"
                        + " budget of " + mb(budget) + " MB (JavaScript " + mb(js) + " MB, host calls "
                        + mb(now - bytes) + " MB in flight)");
            }
            charged.addAndGet(bytes);
        }

        /** Whether the invocation still runs. */
        public boolean live() {
            return !closed;
        }

        /** Releases everything charged to this call. Idempotent. */
        @Override
        public void close() {
            held.addAndGet(-charged.getAndSet(0));
        }
    }

    private static String mb(long bytes) {
        return bytes >= 10L << 20
                ? Long.toString(bytes >> 20)
                : String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    /** A host call refused (or stopped) because of the invocation's memory budget; the message is for the app. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
