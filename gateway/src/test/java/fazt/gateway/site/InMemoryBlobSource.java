package fazt.gateway.site;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs in a map, for tests: a fake of the NATS-backed source, which is tested end to end. Reads answer at once, or,
 * when {@link #deferred}, only when the test calls {@link #completePending()}; reads at or past {@link #failFrom}
 * fail.
 */
final class InMemoryBlobSource implements BlobSource {
    static final Instant DEPLOYED = Instant.parse("2026-03-01T12:00:00Z");

    record Read(String digest, long offset, int length) {}

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<Read> reads = new ArrayList<>();
    private final Queue<Runnable> pending = new ArrayDeque<>();
    boolean deferred;
    long failFrom = Long.MAX_VALUE;

    ServedFile add(String path, byte[] content) {
        String digest = sha256(content);
        blobs.put(digest, content);
        return new ServedFile(path, digest, content.length, DEPLOYED);
    }

    @Override
    public synchronized CompletableFuture<byte[]> read(String digest, long offset, int length) {
        reads.add(new Read(digest, offset, length));
        if (length > MAX_READ) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("read too large: " + length));
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Runnable answer = () -> {
            byte[] blob = blobs.get(digest);
            if (blob == null || offset >= failFrom) {
                result.completeExceptionally(new IllegalStateException("storage down"));
            } else {
                result.complete(Arrays.copyOfRange(blob, (int) offset, (int) Math.min(blob.length, offset + length)));
            }
        };
        if (deferred) {
            pending.add(answer);
        } else {
            answer.run();
        }
        return result;
    }

    /** Answers the reads waiting so far; returns how many. */
    int completePending() {
        List<Runnable> now;
        synchronized (this) {
            now = new ArrayList<>(pending);
            pending.clear();
        }
        now.forEach(Runnable::run);
        return now.size();
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    synchronized int readCount() {
        return reads.size();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
