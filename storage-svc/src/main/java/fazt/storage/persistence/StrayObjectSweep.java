package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.domain.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the bucket's objects that no blob row needs (ADR 38): those recorded in {@code blob_stray_object} at least
 * the grace ago (by the {@link GarbageSweep} when it removed their row, by a move back to PostgreSQL, or by a write
 * that was cut off) while no row with location {@code s3} names their digest. The record is held, locked, until the
 * object is gone; a writer of the same digest takes that record first, so it waits and then writes the object again.
 */
final class StrayObjectSweep {
    /** Objects per transaction, so a large backlog never holds locks for long. */
    static final int BATCH = 100;

    private final Sql sql;
    private final S3Objects objects;

    StrayObjectSweep(Sql sql, S3Objects objects) {
        this.sql = sql;
        this.objects = objects;
    }

    /** Deletes what qualifies, batch by batch; returns how many objects it deleted. */
    int sweep(Duration grace) {
        int deleted = 0;
        int examined;
        do {
            int[] batch = sql.inTransaction(c -> batch(c, grace.toMillis()));
            examined = batch[0];
            deleted += batch[1];
        } while (examined == BATCH);
        return deleted;
    }

    /** One transaction: {examined, objects deleted}. */
    private int[] batch(Connection c, long graceMillis) throws SQLException {
        List<String> candidates = digests(Sql.prepare(c, """
                SELECT digest FROM blob_stray_object WHERE since < now() - ? * interval '1 millisecond'
                ORDER BY digest LIMIT ? FOR UPDATE SKIP LOCKED""", graceMillis, BATCH));
        if (candidates.isEmpty()) {
            return new int[] {0, 0};
        }
        // A new statement, so a new snapshot, now that the records are ours: a row with location 's3' that
        // committed before we locked them is seen here, and none can commit while we hold them.
        List<String> unneeded = digests(Sql.prepare(c, """
                SELECT s.digest FROM blob_stray_object s
                WHERE s.digest = ANY (?)
                  AND NOT EXISTS (SELECT 1 FROM blob b WHERE b.digest = s.digest AND b.location = 's3')""", candidates));
        for (String digest : unneeded) {
            objects.delete(new Digest(digest));
        }
        // Records of objects a row still needs go too: that row's removal will record the digest again.
        try (PreparedStatement s = Sql.prepare(c, "DELETE FROM blob_stray_object WHERE digest = ANY (?)", candidates)) {
            s.executeUpdate();
        }
        return new int[] {candidates.size(), unneeded.size()};
    }

    private static List<String> digests(PreparedStatement statement) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = statement;
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
