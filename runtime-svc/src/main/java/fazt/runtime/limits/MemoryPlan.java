package fazt.runtime.limits;

import java.util.Locale;

/**
 * The one formula that ties the runtime's heap to its limits (ADR 0034, docs/runtime-engine.md "Memory"):
 *
 * <pre>
 *   usable = heap × 0.85                       (the line {@link MemoryPressure} defends)
 *   reserve + contexts × 1 MB + invocations × budget ≤ usable
 *   budget (when not set) = min(512 MB, (usable − reserve − contexts × 1 MB) / invocations)
 *   per-app share = max(1, invocations × share% / 100)
 * </pre>
 *
 * {@code reserve} is what the service needs besides app code (engine, parsed scripts, NATS, buffers),
 * {@code contexts} the most contexts alive (busy and warm, each charged {@link #CONTEXT_BYTES}), {@code invocations}
 * the most running at once, each allowed to hold {@code budget} (JavaScript allocation plus host-side bytes). Settings
 * that break the inequality stop the service at start with one line saying which sum exceeds the heap.
 */
public record MemoryPlan(
        long heap, long usable, long reserve, int contexts, int invocations, long budget, int appShare) {
    /** What a fresh, idle context keeps on the heap (measured: about 0.5-1 MB with the shared engine). */
    public static final long CONTEXT_BYTES = 1L << 20;
    /** The largest derived budget. */
    public static final long MAX_DERIVED_BUDGET = 512L << 20;
    /** The smallest budget the formula may derive; below it the heap is too small for the settings. */
    public static final long MIN_DERIVED_BUDGET = 8L << 20;

    /**
     * Plans for {@code heap} bytes; {@code budget} null derives it. Throws {@link IllegalArgumentException} with one
     * line when the settings do not fit.
     */
    public static MemoryPlan of(long heap, long reserve, int contexts, int invocations, Long budget, int sharePercent) {
        long usable = (long) (heap * MemoryPressure.DEFAULT_FRACTION);
        long fixed = reserve + contexts * CONTEXT_BYTES;
        int share = Math.max(1, invocations * sharePercent / 100);
        if (budget == null) {
            long derived = Math.min(MAX_DERIVED_BUDGET, (usable - fixed) / invocations);
            if (derived < MIN_DERIVED_BUDGET) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "the %d MB heap leaves less than %d MB per invocation: reserve %d MB + %d contexts × 1 MB,"
                                + " then %d invocations share %d MB (85%% of the heap); raise FAZT_HEAP or lower"
                                + " FAZT_RUNTIME_MAX_INVOCATIONS",
                        heap >> 20,
                        MIN_DERIVED_BUDGET >> 20,
                        reserve >> 20,
                        contexts,
                        invocations,
                        Math.max(0, usable - fixed) >> 20));
            }
            return new MemoryPlan(heap, usable, reserve, contexts, invocations, derived, share);
        }
        long total = fixed + invocations * budget;
        if (total > usable) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "reserve %d MB + %d contexts × 1 MB + %d invocations × %d MB budget = %d MB exceeds 85%% of the"
                            + " %d MB heap (%d MB); lower FAZT_RUNTIME_MEMORY_BUDGET_MB or"
                            + " FAZT_RUNTIME_MAX_INVOCATIONS, or raise FAZT_HEAP",
                    reserve >> 20,
                    contexts,
                    invocations,
                    budget >> 20,
                    total >> 20,
                    heap >> 20,
                    usable >> 20));
        }
        return new MemoryPlan(heap, usable, reserve, contexts, invocations, budget, share);
    }

    /** One line for the startup log. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "heap=%dMB usable=%dMB reserve=%dMB contexts=%d invocations=%d budget=%dMB appShare=%d",
                heap >> 20,
                usable >> 20,
                reserve >> 20,
                contexts,
                invocations,
                budget >> 20,
                appShare);
    }
}
