package fazt.platform.blobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for one request of a blocking transfer, turning its failure into a {@link BlobTransferException}. */
final class Await {
    private Await() {}

    static <T> T result(String what, CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new BlobTransferException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BlobTransferException(what + " interrupted", e);
        }
    }
}
