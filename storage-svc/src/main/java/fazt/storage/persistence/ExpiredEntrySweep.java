package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;

/**
 * Deletes KV entries whose expiry has passed. They are invisible from that moment anyway (every read filters on the
 * database clock); this only reclaims their space. Batches with {@code SKIP LOCKED}, so several instances can sweep
 * at once and a sweep never waits on a request writing the same key.
 */
@Singleton
final class ExpiredEntrySweep {
    static final int BATCH = 1000;

    private final Sql sql;

    ExpiredEntrySweep(Sql sql) {
        this.sql = sql;
    }

    /** Deletes every entry expired now; returns how many. */
    int sweep() {
        int total = 0;
        int removed;
        do {
            removed = sql.update("""
                    DELETE FROM kv_entry e USING (
                        SELECT app_id, key FROM kv_entry WHERE expires_at <= now()
                        LIMIT ? FOR UPDATE SKIP LOCKED) x
                    WHERE e.app_id = x.app_id AND e.key = x.key AND e.expires_at <= now()""", BATCH);
            total += removed;
        } while (removed == BATCH);
        return total;
    }
}
