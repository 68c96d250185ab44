package fazt.scheduler.domain;

import fazt.proto.runtime.InvokeRequest;

/** Port: runs one attempt on runtime-svc and says how it went. Never throws for the app's or the runtime's failures. */
public interface Runtime {
    Outcome invoke(InvokeRequest request);

    /**
     * How an attempt ended: {@code SUCCEEDED} (status below 500), {@code FAILED} (the app failed: status 500 or more, a
     * problem, past its timeout) or {@code LOST} (the platform failed: no runtime answered, or the instance running it
     * went silent). {@code error} is user-safe; {@code log} the console output captured for the attempt.
     */
    record Outcome(Result result, Integer httpStatus, String error, String instance, String log) {}

    enum Result {
        SUCCEEDED,
        FAILED,
        LOST
    }
}
