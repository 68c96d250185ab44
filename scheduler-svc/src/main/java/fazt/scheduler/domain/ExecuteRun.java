package fazt.scheduler.domain;

import fazt.proto.runtime.InvokeRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a queued run and decides what follows: done (succeeded, or failed for good: the dead-letter
 * state), or another attempt after a delay. An attempt the app failed counts against its {@code retry.attempts} and
 * waits {@link Backoff}; an attempt the platform lost (no runtime, an instance that died) does not count and waits a
 * short doubling delay, up to {@link #MAX_LOST} times. A run whose app has no free concurrency slot waits without
 * starting an attempt. A run that fails for good is announced on the dead-letter subject ({@link RunEvents}).
 */
public final class ExecuteRun {
    /** Attempts lost to the platform after which a run fails anyway. */
    public static final int MAX_LOST = 20;

    static final long LOST_BASE_MILLIS = 1_000;
    static final long LOST_MAX_MILLIS = 30_000;
    static final long NO_SLOT_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(ExecuteRun.class);
    private final Runs runs;
    private final Schedules schedules;
    private final LiveSites sites;
    private final Runtime runtime;
    private final RunEvents events;
    private final String domain;
    private final Clock clock;

    public ExecuteRun(
            Runs runs,
            Schedules schedules,
            LiveSites sites,
            Runtime runtime,
            RunEvents events,
            String domain,
            Clock clock) {
        this.runs = runs;
        this.schedules = schedules;
        this.sites = sites;
        this.runtime = runtime;
        this.events = events;
        this.domain = domain;
        this.clock = clock;
    }

    /** What the queue does with the run's message: drop it (done) or deliver it again after {@code delay}. */
    public record Next(boolean done, Duration delay) {
        static Next finished() {
            return new Next(true, Duration.ZERO);
        }

        static Next after(long millis) {
            return new Next(false, Duration.ofMillis(millis));
        }
    }

    public Next execute(String runId) {
        Optional<Run> found = runs.find(runId);
        if (found.isEmpty() || found.get().finished()) {
            return Next.finished();
        }
        Run run = found.get();
        RunPolicy policy = schedules.policy(run.appId()).orElse(RunPolicy.defaults(run.appId(), run.appName()));
        int n = runs.startAttempt(runId, run.appId(), policy.concurrency(), clock.instant());
        if (n == 0) {
            return Next.after(NO_SLOT_MILLIS + ThreadLocalRandom.current().nextLong(500));
        }
        Run current = runs.find(runId).orElse(run);
        Instant started = clock.instant();
        Optional<LiveSites.LiveSite> site =
                sites.find(policy.appName()).filter(s -> s.appId().equals(run.appId()));
        if (site.isEmpty()) {
            finish(
                    current,
                    n,
                    started,
                    new Runtime.Outcome(
                            Runtime.Result.FAILED, null, "the app has no live version any more", null, null),
                    current.attempts() + 1,
                    current.lost(),
                    true);
            return Next.finished();
        }
        LiveSites.LiveSite live = site.get();
        byte[] body = run.body() == null ? new byte[0] : run.body();
        InvokeRequest request = new InvokeRequest(
                runId + "." + n,
                run.appId(),
                live.name(),
                live.version(),
                live.namespace(),
                run.invokeTrigger(),
                run.method(),
                "https://" + live.name() + "." + domain + run.url(),
                run.headers(),
                body,
                null,
                body.length,
                null,
                policy.timeoutMillis());
        Runtime.Outcome outcome = runtime.invoke(request);
        return switch (outcome.result()) {
            case SUCCEEDED -> {
                finish(current, n, started, outcome, current.attempts() + 1, current.lost(), false);
                yield Next.finished();
            }
            case FAILED -> {
                int attempts = current.attempts() + 1;
                Run after = finish(current, n, started, outcome, attempts, current.lost(), false);
                yield after.finished()
                        ? Next.finished()
                        : Next.after(Duration.between(clock.instant(), after.nextAttemptAt())
                                .toMillis());
            }
            case LOST -> {
                int lost = current.lost() + 1;
                Run after = finish(current, n, started, outcome, current.attempts(), lost, false);
                yield after.finished()
                        ? Next.finished()
                        : Next.after(Duration.between(clock.instant(), after.nextAttemptAt())
                                .toMillis());
            }
        };
    }

    /** Records the attempt and the run's next state; {@code permanent}: no retry can help (the app is gone). */
    private Run finish(Run run, int n, Instant started, Runtime.Outcome o, int attempts, int lost, boolean permanent) {
        Instant now = clock.instant();
        Run.Attempt attempt = new Run.Attempt(
                n,
                started,
                now,
                switch (o.result()) {
                    case SUCCEEDED -> Run.SUCCEEDED;
                    case FAILED -> Run.FAILED;
                    case LOST -> "lost";
                },
                o.httpStatus(),
                o.error(),
                o.log(),
                o.instance(),
                o.result() != Runtime.Result.LOST);
        Run updated;
        if (o.result() == Runtime.Result.SUCCEEDED) {
            updated = run.with(Run.SUCCEEDED, attempts, lost, null, null, now);
        } else if (o.result() == Runtime.Result.FAILED && (attempts >= run.maxAttempts() || permanent)) {
            updated = run.with(Run.FAILED, attempts, lost, o.error(), null, now);
            log.warn("run dead-lettered runId={} appId={} attempts={}", run.runId(), run.appId(), attempts);
        } else if (o.result() == Runtime.Result.LOST && lost >= MAX_LOST) {
            updated = run.with(
                    Run.FAILED, attempts, lost, "no runtime completed the run after " + lost + " tries", null, now);
            log.warn("run dead-lettered runId={} appId={} lost={}", run.runId(), run.appId(), lost);
        } else {
            long delay = o.result() == Runtime.Result.FAILED
                    ? Backoff.delayMillis(
                            attempts,
                            backoffOf(run),
                            ThreadLocalRandom.current().nextDouble())
                    : Math.min(LOST_MAX_MILLIS, LOST_BASE_MILLIS << Math.min(lost - 1, 10));
            updated = run.with(Run.RETRYING, attempts, lost, o.error(), now.plusMillis(delay), null);
        }
        runs.finishAttempt(run.runId(), attempt, updated);
        if (updated.status().equals(Run.FAILED)) {
            events.deadLettered(updated);
        }
        return updated;
    }

    private long backoffOf(Run run) {
        return schedules.policy(run.appId()).map(RunPolicy::backoffMillis).orElse(1_000L);
    }
}
