package fazt.gateway.site;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Whole bodies of files, in a coding: from the {@link BodyCache}, or read through the {@link BlobSource} (and
 * compressed) once, however many requests ask at the same time: a popular file just deployed costs one read, not one
 * per visitor.
 */
final class BodyLoader {
    private final BlobSource blobs;
    private final BodyCache cache;
    private final Executor compressor;
    private final SiteLimits limits;
    private final ConcurrentHashMap<Load, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();

    BodyLoader(BlobSource blobs, BodyCache cache, Executor compressor, SiteLimits limits) {
        this.blobs = blobs;
        this.cache = cache;
        this.compressor = compressor;
        this.limits = limits;
    }

    /** The cached body, or null. */
    byte[] cached(ServedFile file, ContentCoding coding) {
        return cache.get(file.digest(), coding);
    }

    /**
     * The body of {@code file} in {@code coding}. The caller has checked the cache and the size limits: identity
     * bodies are read only up to {@link SiteLimits#wholeBodyMax()}, coded ones up to {@link SiteLimits#compressMax()}.
     * An identity body read only to be compressed is not cached: the clients that want it are the rare ones.
     */
    CompletableFuture<byte[]> load(ServedFile file, ContentCoding coding, String contentType) {
        Load key = new Load(file.digest(), coding);
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<byte[]> work;
        if (coding == ContentCoding.IDENTITY) {
            work = readWhole(file.digest(), 0, file.size());
        } else {
            byte[] identity = cache.get(file.digest(), ContentCoding.IDENTITY);
            CompletableFuture<byte[]> source = identity != null
                    ? CompletableFuture.completedFuture(identity)
                    : readWhole(file.digest(), 0, file.size());
            work = source.thenApplyAsync(body -> Compressor.compress(body, coding, contentType), compressor);
        }
        work.whenComplete((body, failure) -> {
            if (failure == null) {
                cache.put(file.digest(), coding, body);
            }
            inFlight.remove(key, mine);
            if (failure == null) {
                mine.complete(body);
            } else {
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    /** Bytes {@code offset} to {@code offset + length} of a blob, read in parallel chunks and put together. */
    CompletableFuture<byte[]> readWhole(String digest, long offset, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("body too large to hold: " + length));
        }
        byte[] body = new byte[(int) length];
        int chunks = (int) ((length + BlobSource.MAX_READ - 1) / BlobSource.MAX_READ);
        CompletableFuture<?>[] reads = new CompletableFuture<?>[chunks];
        for (int i = 0; i < chunks; i++) {
            int at = i * BlobSource.MAX_READ;
            int size = (int) Math.min(BlobSource.MAX_READ, length - at);
            reads[i] = read(digest, offset + at, size).thenAccept(chunk -> System.arraycopy(chunk, 0, body, at, size));
        }
        return CompletableFuture.allOf(reads).thenApply(done -> body);
    }

    /** One read, failed unless it returned exactly the bytes asked for. */
    CompletableFuture<byte[]> read(String digest, long offset, int length) {
        CompletableFuture<byte[]> read;
        try {
            read = blobs.read(digest, offset, length);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return read.thenApply(chunk -> {
            if (chunk == null || chunk.length != length) {
                throw new ShortReadException(digest, offset, length, chunk == null ? -1 : chunk.length);
            }
            return chunk;
        });
    }

    private record Load(String digest, ContentCoding coding) {}

    /** A read returned other than the bytes asked for: storage does not hold what the file's size promised. */
    static final class ShortReadException extends IllegalStateException {
        ShortReadException(String digest, long offset, int asked, int got) {
            super("blob " + digest + " at " + offset + ": asked " + asked + " bytes, got " + got);
        }
    }
}
