package fazt.proto.runtime;

import java.time.Instant;

/**
 * An app's figures over one window since {@code from}: requests, errors (status 500 or more, or a thrown error), cold
 * starts, and the median and 95th percentile durations (absent without requests). {@code sampled} when the window
 * held more records than one answer reads; the figures then scale a sample of {@code sampleSize} records.
 */
public record MetricsWindow(
        String window,
        Instant from,
        long requests,
        long errors,
        long coldStarts,
        Long p50Ms,
        Long p95Ms,
        boolean sampled,
        long sampleSize) {}
