package fazt.platform.service.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.proto.problem.Problem;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** How a test waits for a request to a service and reads the problem a refused one answers. */
public final class RemoteCall {
    private RemoteCall() {}

    /**
     * The reply; a refusal is thrown as it came ({@link RemoteProblemException}, so {@link #problemOf} can read it),
     * anything else unexpected fails the test.
     */
    public static <T> T await(CompletableFuture<T> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The problem {@code call} fails with; fails the test if it throws anything else or nothing. */
    public static Problem problemOf(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(RemoteProblemException.class);
        return ((RemoteProblemException) thrown).problem();
    }
}
