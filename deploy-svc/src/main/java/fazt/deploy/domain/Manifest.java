package fazt.deploy.domain;

import java.util.List;
import java.util.Map;

/**
 * An app version's {@code fazt.json}: the preferred {@code name}, the {@code spa} entry served for unknown paths (null
 * for a plain site), extra response {@code headers} per path pattern, {@code redirects}, in manifest order, the
 * {@code env} var names the app's server code needs (a deploy lists those not set yet, and still succeeds), its
 * {@code cron} schedules and the {@code runs} policy for its background runs, the {@code async} path patterns under
 * {@code /api/} that may be queued with {@code POST /_fazt/async/<path>}, and the {@code intake} limits on what
 * unauthenticated triggers (async requests, webhook deliveries) may store, and the {@code mailAddresses} (local parts,
 * lower case) the app claims at its custom domains ({@code "mail": {"addresses": [...]}}).
 */
public record Manifest(
        String name,
        String spa,
        List<HeaderRule> headers,
        List<Redirect> redirects,
        List<String> env,
        List<CronEntry> cron,
        RunPolicy runs,
        List<String> async,
        Intake intake,
        List<String> mailAddresses) {
    public static final Manifest EMPTY =
            new Manifest(null, null, List.of(), List.of(), List.of(), List.of(), null, List.of(), null, List.of());

    public Manifest {
        headers = headers == null ? List.of() : List.copyOf(headers);
        redirects = redirects == null ? List.of() : List.copyOf(redirects);
        env = env == null ? List.of() : List.copyOf(env);
        // Versions stored before schedules existed have neither key.
        cron = cron == null ? List.of() : List.copyOf(cron);
        runs = runs == null ? RunPolicy.DEFAULT : runs;
        // Versions stored before async declarations existed accept no async requests and have the default limits.
        async = async == null ? List.of() : List.copyOf(async);
        intake = intake == null ? Intake.DEFAULT : intake;
        // Versions stored before mail addresses existed claim none.
        mailAddresses = mailAddresses == null ? List.of() : List.copyOf(mailAddresses);
    }

    /** Headers for paths matching {@code path}: a glob where {@code *} stays within a segment and {@code **} does not. */
    public record HeaderRule(String path, Map<String, String> headers) {}

    /** A redirect of {@code from} (exact, or a prefix ending in {@code *}) to {@code to} with a 301/302/307/308. */
    public record Redirect(String from, String to, int status) {}

    /**
     * One schedule: a unix cron {@code schedule} in time zone {@code tz}, or an interval of {@code everyMillis}; its
     * unique {@code name}; and {@code catchup} ({@code once} or {@code skip}) for ticks missed while no scheduler ran.
     */
    public record CronEntry(String name, String schedule, String tz, Long everyMillis, String catchup) {}

    /**
     * How the app's background runs execute: {@code attempts} in all (1 = no retry), the first retry delay
     * {@code backoffMillis} (doubling, with jitter), at most {@code concurrency} runs at once, {@code timeoutMillis} of
     * wall time per attempt.
     */
    public record RunPolicy(int attempts, long backoffMillis, int concurrency, int timeoutMillis) {
        public static final RunPolicy DEFAULT = new RunPolicy(3, 1_000, 4, 30_000);
    }

    /**
     * What async requests and webhook deliveries of the app may use together: a token bucket of {@code burst} tokens
     * refilled at {@code perMinute} per minute (one token per accepted request), and {@code maxStoredBytes} of run
     * payloads kept at once (queued runs and the retained history).
     */
    public record Intake(int perMinute, int burst, long maxStoredBytes) {
        public static final Intake DEFAULT = new Intake(60, 30, 64L << 20);
    }
}
