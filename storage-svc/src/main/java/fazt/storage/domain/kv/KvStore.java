package fazt.storage.domain.kv;

import fazt.storage.domain.AppId;
import java.time.Instant;
import java.util.List;

/**
 * Port: the apps' KV entries. Every method addresses one app only. Expiry is judged by the store's clock at the
 * moment of the call, so an expired entry is invisible at once, whichever instance answers.
 */
public interface KvStore {
    /** The live entry, or null when absent or expired. */
    Entry get(AppId app, EntryKey key);

    /** Stores the entry (replacing any), expiring {@code ttlSeconds} from now (null: never); returns the expiry. */
    Instant put(AppId app, EntryKey key, ValueKind kind, byte[] value, Long ttlSeconds);

    /** Whether a live entry was deleted (an expired one is deleted too, but does not count). */
    boolean delete(AppId app, EntryKey key);

    /** Up to {@code limit} live keys starting with {@code prefix} (null: any), after {@code after} (null: start). */
    List<KeyPage.Key> list(AppId app, String prefix, String after, int limit);

    /** Removes every entry of the app; returns how many. */
    long purge(AppId app);
}
