package fazt.runtime.web;

import org.graalvm.polyglot.Value;

/**
 * What the web globals need from the engine, implemented once per context. Every callback ({@link Value}) handed to
 * the host must be invoked later on the context's own thread, never from another thread and never re-entrantly
 * from inside the call that registered it.
 */
public interface WebHost {
    /** A {@code console} line; level is {@code debug}, {@code info} (also for {@code console.log}), {@code warn} or {@code error}. */
    void log(String level, String message);

    /** Runs {@code callback} (no arguments) once after at least {@code delayMillis}; returns a positive timer id. */
    long setTimer(long delayMillis, Value callback);

    /** Cancels a timer that has not run yet; unknown or finished ids are ignored. */
    void clearTimer(long id);

    /**
     * Starts an outbound fetch (usually {@link OutboundFetch#send} on another thread, within the invocation's
     * {@link FetchBudget}). On the context thread, later: {@link FetchCallbacks#resolve} with the response, or
     * {@link FetchCallbacks#reject} with a message that becomes the {@code TypeError} the app sees.
     */
    void fetch(OutboundRequest request, Value resolve, Value reject);
}
