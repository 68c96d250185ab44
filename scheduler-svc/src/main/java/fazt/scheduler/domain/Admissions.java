package fazt.scheduler.domain;

import java.time.Instant;

/**
 * Port: records a run that arrived from outside (an async request, a webhook delivery) only if the app's intake
 * allows it. In one transaction, serialised per app across all scheduler instances: refused when the app's token
 * bucket is empty, or when the payloads of its async and webhook runs kept plus this one's would exceed
 * {@link Intake#maxStoredBytes()}; else the run is inserted and a token taken. A refused run leaves nothing behind.
 */
public interface Admissions {
    Verdict admit(Run run, Intake intake, Instant now);

    /** The bytes of async and webhook run payloads the app keeps now. */
    long storedBytes(String appId);

    sealed interface Verdict {}

    record Admitted() implements Verdict {}

    record RateLimited(long retryAfterSeconds) implements Verdict {}

    record StorageFull(long storedBytes, long maxStoredBytes) implements Verdict {}
}
