package fazt.scheduler.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: runs and their attempts. Transactional per method. */
public interface Runs {
    void insert(Run run);

    /**
     * Records {@code run} unless the app already has a run recorded under {@code dedupeKey} (race-safe across
     * instances: a unique key on app and key). Returns the run recorded for the key and whether it is {@code run}.
     */
    Keyed insertOnce(Run run, String dedupeKey);

    /** The app's run recorded under {@code dedupeKey}, if any. */
    Optional<Run> findByKey(String appId, String dedupeKey);

    /** The run recorded for a key: {@code created} when this call recorded it, else an earlier one. */
    record Keyed(Run run, boolean created) {}

    Optional<Run> find(String runId);

    List<Run.Attempt> attempts(String runId);

    /** Newest first, optionally filtered; {@code after} is the last run id of the previous page (or null). */
    List<Run> list(String appId, String status, String trigger, int limit, String after);

    void markEnqueued(String runId, Instant at);

    /** Queued runs whose enqueue was not confirmed and that are older than {@code before}. */
    List<String> notEnqueued(Instant before, int limit);

    /**
     * Starts attempt {@code n} of a run if its app has fewer than {@code concurrency} other runs running (checked under
     * a per-app lock, so instances agree): closes an attempt left running by a scheduler that died as {@code lost},
     * sets the run {@code running} and records the attempt. Returns the attempt number, or 0 when no slot is free.
     */
    int startAttempt(String runId, String appId, int concurrency, Instant now);

    /** Closes attempt {@code attempt.n()} and stores the run's new state ({@code status} .. {@code finishedAt}). */
    void finishAttempt(String runId, Run.Attempt attempt, Run updated);

    /** Deletes finished runs that finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
