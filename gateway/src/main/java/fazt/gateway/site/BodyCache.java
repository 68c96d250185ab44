package fazt.gateway.site;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bodies of static files kept in memory, keyed by content digest and coding, bounded by their total size and evicted
 * least recently used first. Thread-safe. A body larger than {@link #maxEntryBytes()} (an eighth of the budget) is
 * never kept, so one big file cannot flush the many small ones that make up most page loads. The cached arrays are
 * shared: callers must not modify them.
 *
 * <p>Entries never go stale: a digest names its bytes, so a redeployed file has a new key and the old one ages out.
 */
public final class BodyCache {
    /** Share of the budget one entry may take at most. */
    static final int MAX_ENTRY_SHARE = 8;
    /** Bytes counted per entry beyond its body: the key, map node and array header, so tiny files are not free. */
    static final int ENTRY_OVERHEAD = 128;

    private final long maxBytes;
    private final long maxEntryBytes;
    private final ReentrantLock lock = new ReentrantLock();
    // Access order makes iteration start at the least recently used entry. One lock is enough: the critical
    // sections are a hash lookup and a relink, far shorter than anything else a request does.
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long usedBytes;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    public BodyCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("negative cache size " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxBytes / MAX_ENTRY_SHARE;
    }

    /** The body of {@code digest} in {@code coding}, or null; counts a hit or a miss. */
    public byte[] get(String digest, ContentCoding coding) {
        byte[] body;
        lock.lock();
        try {
            body = entries.get(new Key(digest, coding));
        } finally {
            lock.unlock();
        }
        (body != null ? hits : misses).increment();
        return body;
    }

    /** Keeps {@code body} unless it is too large; evicts the least recently used entries to make room. */
    public void put(String digest, ContentCoding coding, byte[] body) {
        Objects.requireNonNull(body, "body");
        long weight = weight(body);
        if (weight > maxEntryBytes) {
            return;
        }
        Key key = new Key(digest, coding);
        lock.lock();
        try {
            byte[] previous = entries.put(key, body);
            usedBytes += weight - (previous == null ? 0 : weight(previous));
            Iterator<Map.Entry<Key, byte[]>> eldest = entries.entrySet().iterator();
            while (usedBytes > maxBytes && eldest.hasNext()) {
                Map.Entry<Key, byte[]> entry = eldest.next();
                usedBytes -= weight(entry.getValue());
                eldest.remove();
                evictions.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops every coding of {@code digest}. */
    public void invalidate(String digest) {
        lock.lock();
        try {
            for (ContentCoding coding : ContentCoding.values()) {
                byte[] removed = entries.remove(new Key(digest, coding));
                if (removed != null) {
                    usedBytes -= weight(removed);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Largest body this cache keeps. */
    public long maxEntryBytes() {
        return maxEntryBytes;
    }

    /** Bytes held now, counting {@link #ENTRY_OVERHEAD} per entry. */
    public long usedBytes() {
        lock.lock();
        try {
            return usedBytes;
        } finally {
            lock.unlock();
        }
    }

    public int entryCount() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long evictions() {
        return evictions.sum();
    }

    private static long weight(byte[] body) {
        return (long) body.length + ENTRY_OVERHEAD;
    }

    private record Key(String digest, ContentCoding coding) {}
}
