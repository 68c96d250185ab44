package fazt.storage.domain.kv;

import java.time.Instant;
import java.util.List;

/** One page of live keys in key order; {@code next} is the last key when another page may follow, else null. */
public record KeyPage(List<Key> keys, EntryKey next) {
    /** A live key and when it expires (null: never). */
    public record Key(EntryKey name, Instant expiresAt) {}
}
