package fazt.runtime.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits on the calling (virtual) thread for work this runtime does itself (a handler's response head, a check, code
 * another request is already loading), rethrowing its failure unwrapped. NATS requests wait with
 * {@link fazt.platform.nats.NatsRequester#call} instead.
 */
final class LocalWait {
    private LocalWait() {}

    /** The future's value; else its failure as thrown (a checked one wrapped); when interrupted, the flag set again. */
    static <T> T of(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
