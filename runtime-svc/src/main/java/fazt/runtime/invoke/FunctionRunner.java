package fazt.runtime.invoke;

import fazt.platform.nats.ProblemException;

/**
 * Runs an app's handler for one invocation. The invocation transport ({@code InvokeEndpoint}: NATS, body streams,
 * heartbeats) calls it on a virtual thread and blocks until the response head is known; the body then streams from
 * {@link FunctionResult#body()}. The JavaScript engine implements it.
 */
public interface FunctionRunner {
    /**
     * @throws ProblemException 500 for an error in the app's code (detail: the JS message and {@code file:line:column}),
     *     504 when it ran past its wall time, 404 when the version has no server code, 503 when the runtime is overloaded
     */
    FunctionResult run(FunctionCall call);
}
