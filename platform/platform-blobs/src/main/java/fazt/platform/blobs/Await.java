package fazt.platform.blobs;

import fazt.platform.nats.NatsRequester;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Waits for one request of a blocking transfer, turning its failure into a {@link BlobTransferException}. */
final class Await {
    private Await() {}

    static <T> T result(String what, String subject, Duration timeout, CompletableFuture<T> future) {
        try {
            return NatsRequester.await(subject, timeout, future);
        } catch (RuntimeException e) {
            throw new BlobTransferException(what + " failed", e);
        }
    }
}
