package fazt.runtime.observe;

import fazt.proto.runtime.InvocationRecord;
import java.util.Arrays;
import java.util.List;

/**
 * Figures over a set of invocation records: how many, how many failed (status 500 or more), how many were cold
 * starts, and the 50th and 95th percentile of their durations by the nearest-rank method (the smallest duration
 * that at least p % of the records do not exceed), null when there are none.
 */
record InvocationStats(long requests, long errors, long coldStarts, Long p50Ms, Long p95Ms) {
    static InvocationStats of(List<InvocationRecord> records) {
        long[] durations = new long[records.size()];
        long errors = 0;
        long cold = 0;
        for (int i = 0; i < durations.length; i++) {
            InvocationRecord record = records.get(i);
            durations[i] = Math.max(0, record.durationMillis());
            errors += failed(record) ? 1 : 0;
            cold += record.cold() ? 1 : 0;
        }
        Arrays.sort(durations);
        return new InvocationStats(records.size(), errors, cold, percentile(durations, 50), percentile(durations, 95));
    }

    /** Whether a record counts as an error: the app (or the platform for it) answered 500 or more. */
    static boolean failed(InvocationRecord record) {
        return record.status() >= 500;
    }

    /** Nearest rank: the value at rank ceil(p/100 × n) of the sorted values; null for none. */
    static Long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /**
     * These figures, taken from the most recent {@code requests()} records of a window that held {@code total},
     * extended to the whole window: the request count becomes {@code total} and the error and cold-start counts are
     * scaled in proportion (estimates); the percentiles stay those of the sample.
     */
    InvocationStats scaledTo(long total) {
        if (requests == 0 || total <= requests) {
            return this;
        }
        double factor = (double) total / requests;
        return new InvocationStats(total, Math.round(errors * factor), Math.round(coldStarts * factor), p50Ms, p95Ms);
    }
}
