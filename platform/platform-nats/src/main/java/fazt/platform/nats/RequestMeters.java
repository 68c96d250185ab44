package fazt.platform.nats;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long a service's NATS request handlers take and how they end, as one histogram:
 * {@code fazt_nats_request_duration_seconds{endpoint, outcome}} (ADR 41). {@code endpoint} is the ADR-32 endpoint
 * name ({@code app-get}), a set the service declares, and {@code outcome} one of {@link #OUTCOMES}, from the status the
 * reply carries: {@code success} (a reply), {@code client_error} (a 4xx problem) or {@code server_error} (5xx). The
 * buckets are fixed (not Micrometer's percentile histogram of 70+ buckets), so the series stay few.
 */
public final class RequestMeters {
    /** The meter name; Prometheus shows it as {@code fazt_nats_request_duration_seconds}. */
    public static final String NAME = "fazt.nats.request.duration";

    /** The {@code outcome} label's values, by {@link #outcome(int)}. */
    public static final List<String> OUTCOME_NAMES = List.of("success", "client_error", "server_error");

    private static final String[] OUTCOMES = OUTCOME_NAMES.toArray(String[]::new);

    /** The histogram buckets every fazt latency histogram uses, from 5 ms to 30 s. */
    public static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30)
    };

    private final MeterRegistry registry;
    // The timers of each endpoint, one per outcome, made at its first request and then looked up without allocating.
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

    public RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The index in {@link #OUTCOMES} of a reply with {@code status} (200 for a plain reply). */
    public static int outcome(int status) {
        return status >= 500 ? 2 : status >= 400 ? 1 : 0;
    }

    void record(String endpoint, int status, long nanos) {
        timers
                .computeIfAbsent(
                        endpoint,
                        e -> byOutcome(
                                registry,
                                NAME,
                                "NATS requests handled by this service, by endpoint and outcome",
                                "endpoint",
                                e))[outcome(status)]
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The three timers ({@link #OUTCOMES}) of one {@code label=value}, for a cache of the caller's. */
    public static Timer[] byOutcome(
            MeterRegistry registry, String name, String description, String label, String value) {
        Timer[] timers = new Timer[OUTCOMES.length];
        for (int i = 0; i < OUTCOMES.length; i++) {
            timers[i] = timer(registry, name, description)
                    .tag(label, value)
                    .tag("outcome", OUTCOMES[i])
                    .register(registry);
        }
        return timers;
    }

    /** A timer builder with the suite's buckets: every fazt latency histogram is made here. */
    public static Timer.Builder timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(BUCKETS)
                .publishPercentileHistogram(false);
    }
}
