package fazt.gateway.site;

import java.util.concurrent.CompletableFuture;

/**
 * Reads a range of a blob by digest (over NATS, in chunks of at most {@link #MAX_READ} bytes); completes
 * exceptionally on failure. The future completes on a thread of the source's choosing, never required to be an event
 * loop; callers never block on it. A read must return exactly {@code length} bytes: the caller asks only for ranges
 * inside the blob's known size, so a shorter answer means the blob is not what the caller was told it is.
 */
public interface BlobSource {
    /** The largest {@code length} a caller asks for in one read: 512 KiB. */
    int MAX_READ = 512 * 1024;

    CompletableFuture<byte[]> read(String digest, long offset, int length);
}
