package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what nothing will read again: blobs no namespace and no app file (env.FILES) references, and uploads
 * nobody finished.
 *
 * <p>Both are removed only once they have stayed so for a grace period. A blob is stored before the namespace that
 * references it is committed (a deploy uploads every file, then commits), so an unreferenced blob written a moment
 * ago is a deploy in progress, not garbage; the same holds for a blob a writer was just told it need not upload.
 * Bundles are blobs too: deploy-svc reads one once and never references it, so the sweep is what removes them.
 * Uploads are judged by their last chunk, so a slow upload of a large file survives.
 *
 * <p>Several storage instances may sweep; a transaction-scoped advisory lock lets one at a time do so, and
 * {@code SKIP LOCKED} keeps the sweep from waiting on, or stalling, a request that holds a blob row.
 */
@Singleton
final class GarbageSweep {
    /** Advisory lock key of the sweep ("fazt-gc"); advisory keys are per database, and the storage schema has one. */
    static final long LOCK_KEY = 0x66617a742d6763L;
    /** Rows per transaction, so a large backlog never holds locks or memory for long. */
    static final int BATCH = 500;

    private final Sql sql;

    GarbageSweep(Sql sql) {
        this.sql = sql;
    }

    /** What one sweep removed; {@code skipped} when another instance was sweeping. */
    record Result(int blobs, int uploads, boolean skipped) {}

    Result sweep(Duration grace) {
        long graceMillis = grace.toMillis();
        int blobs = 0;
        int uploads = 0;
        Batch batch;
        do {
            batch = sql.inTransaction(c -> locked(c) ? collectBlobs(c, graceMillis) : null);
            if (batch == null) {
                return new Result(blobs, uploads, true);
            }
            blobs += batch.removed();
        } while (batch.full());
        do {
            batch = sql.inTransaction(c -> locked(c) ? collectUploads(c, graceMillis) : null);
            if (batch == null) {
                return new Result(blobs, uploads, true);
            }
            uploads += batch.removed();
        } while (batch.full());
        return new Result(blobs, uploads, false);
    }

    /** One transaction's work: rows examined (a full batch means more may wait) and rows removed. */
    private record Batch(int examined, int removed) {
        boolean full() {
            return examined == BATCH;
        }
    }

    private static boolean locked(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            s.setLong(1, LOCK_KEY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static Batch collectBlobs(Connection c, long graceMillis) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT digest FROM blob b
                WHERE b.written_at < now() - ? * interval '1 millisecond'
                  AND NOT EXISTS (SELECT 1 FROM vfs_file f WHERE f.digest = b.digest)
                  AND NOT EXISTS (SELECT 1 FROM app_file a WHERE a.digest = b.digest)
                ORDER BY b.digest LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            s.setLong(1, graceMillis);
            s.setInt(2, BATCH);
            firstColumn(s, candidates);
        }
        if (candidates.isEmpty()) {
            return new Batch(0, 0);
        }
        // Checked again in a new statement, so a new snapshot, now that the rows are locked: a commit may have
        // referenced one, or a writer touched one, between the first look and the lock. Neither qualifies again.
        List<String> collected = new ArrayList<>();
        // A blob whose bytes are in the bucket leaves a record: its object is deleted one grace later (ADR 38).
        try (PreparedStatement s = c.prepareStatement("""
                WITH gone AS (
                    DELETE FROM blob b
                    WHERE b.digest = ANY (?) AND b.written_at < now() - ? * interval '1 millisecond'
                      AND NOT EXISTS (SELECT 1 FROM vfs_file f WHERE f.digest = b.digest)
                      AND NOT EXISTS (SELECT 1 FROM app_file a WHERE a.digest = b.digest)
                    RETURNING b.digest, b.location),
                recorded AS (
                    INSERT INTO blob_stray_object (digest) SELECT digest FROM gone WHERE location = 's3'
                    ON CONFLICT (digest) DO UPDATE SET since = now())
                SELECT digest FROM gone""")) {
            s.setArray(1, c.createArrayOf("text", candidates.toArray()));
            s.setLong(2, graceMillis);
            firstColumn(s, collected);
        }
        deleteChunks(c, collected);
        return new Batch(candidates.size(), collected.size());
    }

    private static Batch collectUploads(Connection c, long graceMillis) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                DELETE FROM upload WHERE id IN (
                    SELECT id FROM upload WHERE last_chunk_at < now() - ? * interval '1 millisecond'
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id""")) {
            s.setLong(1, graceMillis);
            s.setInt(2, BATCH);
            firstColumn(s, ids);
        }
        deleteChunks(c, ids.stream().map(JdbcBlobStore::uploadKey).toList());
        return new Batch(ids.size(), ids.size());
    }

    private static void firstColumn(PreparedStatement s, List<String> into) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                into.add(r.getString(1));
            }
        }
    }

    private static void deleteChunks(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM blob_chunk WHERE blob_key = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            s.executeUpdate();
        }
    }
}
