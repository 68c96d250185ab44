package fazt.storage.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import fazt.platform.service.db.Sql;
import fazt.proto.MessageCodec;
import fazt.proto.storage.BackupLatestReply;
import fazt.proto.storage.BackupView;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The record of backups and restores ({@code backup_run}, V9): status and progress, readable by any instance. */
@Singleton
final class BackupRuns {
    static final String RUNNING = "running";
    static final String VERIFYING = "verifying";
    static final String DONE = "done";
    static final String FAILED = "failed";
    /** Longest error text kept. */
    static final int MAX_ERROR = 2000;
    /** A backup unfinished this long after its start is taken as abandoned by a storage-svc that stopped. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(6);

    private final Sql sql;

    BackupRuns(Sql sql) {
        this.sql = sql;
    }

    /** Records a new run; false when {@code name} is taken. */
    boolean start(String name, String kind, String target, int partsTotal) {
        return sql.update(
                        "INSERT INTO backup_run (name, kind, status, target, parts_total) VALUES (?, ?, 'running', ?, ?)"
                                + " ON CONFLICT (name) DO NOTHING",
                        name,
                        kind,
                        target,
                        partsTotal)
                == 1;
    }

    /**
     * Records a new backup unless another is running; false when one is, or when {@code name} is taken. A run still
     * unfinished after {@link #ABANDONED_AFTER} does not count as running: a storage-svc that stopped mid-backup left
     * it so, and it must not hold scheduled backups back for ever.
     */
    boolean startIfIdle(String name, String target, int partsTotal) {
        return sql.update(
                        "INSERT INTO backup_run (name, kind, status, target, parts_total)"
                                + " SELECT ?, 'backup', 'running', ?, ? WHERE NOT EXISTS (SELECT 1 FROM backup_run"
                                + " WHERE kind = 'backup' AND status IN ('running', 'verifying')"
                                + " AND started_at > now() - make_interval(hours => ?))"
                                + " ON CONFLICT (name) DO NOTHING",
                        name,
                        target,
                        partsTotal,
                        (int) ABANDONED_AFTER.toHours())
                == 1;
    }

    /** The newest backup still running (within {@link #ABANDONED_AFTER}), if any. */
    Optional<String> running() {
        return sql.optional(
                "SELECT name FROM backup_run WHERE kind = 'backup' AND status IN ('running', 'verifying')"
                        + " AND started_at > now() - make_interval(hours => ?) ORDER BY started_at DESC LIMIT 1",
                r -> r.getString(1),
                (int) ABANDONED_AFTER.toHours());
    }

    void progress(String name, long bytes, int partsDone) {
        sql.update("UPDATE backup_run SET bytes = ?, parts_done = ? WHERE name = ?", bytes, partsDone, name);
    }

    void verifying(String name) {
        sql.update("UPDATE backup_run SET status = 'verifying' WHERE name = ?", name);
    }

    void done(String name, long bytes, String manifest) {
        sql.update(
                "UPDATE backup_run SET status = 'done', finished_at = now(), bytes = ?, parts_done = parts_total,"
                        + " manifest = ?::jsonb WHERE name = ?",
                bytes,
                manifest,
                name);
    }

    void failed(String name, String error) {
        String text = error == null ? "failed" : error;
        sql.update(
                "UPDATE backup_run SET status = 'failed', finished_at = now(), error = ? WHERE name = ?",
                text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text,
                name);
    }

    Optional<BackupView> find(String name) {
        return sql.optional("SELECT * FROM backup_run WHERE name = ?", BackupRuns::view, name);
    }

    /** The newest {@code limit} runs. */
    List<BackupView> newest(int limit) {
        return sql.list(
                "SELECT * FROM backup_run ORDER BY started_at DESC, name DESC LIMIT ?", BackupRuns::view, limit);
    }

    /** Names of finished backups, oldest first. */
    List<String> doneBackups() {
        return sql.list(
                "SELECT name FROM backup_run WHERE kind = 'backup' AND status = 'done' ORDER BY started_at, name",
                r -> r.getString(1));
    }

    /** The newest completed backup, the newest failed one after it, and how many are under way. */
    BackupLatestReply latest() {
        return sql.one(
                """
                WITH done AS (
                    SELECT name, finished_at FROM backup_run WHERE kind = 'backup' AND status = 'done'
                    ORDER BY finished_at DESC LIMIT 1),
                failed AS (
                    SELECT name, finished_at, error FROM backup_run
                    WHERE kind = 'backup' AND status = 'failed'
                      AND finished_at > coalesce((SELECT finished_at FROM done), '-infinity')
                    ORDER BY finished_at DESC LIMIT 1)
                SELECT (SELECT name FROM done) AS done_name, (SELECT finished_at FROM done) AS done_at,
                       (SELECT name FROM failed) AS failed_name, (SELECT finished_at FROM failed) AS failed_at,
                       (SELECT error FROM failed) AS error,
                       (SELECT count(*) FROM backup_run
                        WHERE kind = 'backup' AND status IN ('running', 'verifying'))::int AS running""",
                r -> new BackupLatestReply(
                        r.getString("done_name"),
                        Sql.instant(r, "done_at"),
                        r.getString("failed_name"),
                        Sql.instant(r, "failed_at"),
                        r.getString("error"),
                        r.getInt("running")));
    }

    void forget(String name) {
        sql.update("DELETE FROM backup_run WHERE name = ?", name);
    }

    /** What a finished restore recorded: rows per service and table. */
    private static Map<String, Map<String, Long>> restored(String kind, String json) {
        if (!"restore".equals(kind) || json == null) {
            return null;
        }
        try {
            var node = MessageCodec.INSTANCE.mapper().readTree(json).path("restored");
            return MessageCodec.INSTANCE
                    .mapper()
                    .convertValue(node, new TypeReference<Map<String, Map<String, Long>>>() {});
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static BackupView view(ResultSet r) throws SQLException {
        return new BackupView(
                r.getString("name"),
                r.getString("kind"),
                r.getString("status"),
                r.getString("target"),
                Sql.instant(r, "started_at"),
                Sql.instant(r, "finished_at"),
                r.getLong("bytes"),
                r.getInt("parts_done"),
                r.getInt("parts_total"),
                r.getString("error"),
                restored(r.getString("kind"), r.getString("manifest")));
    }
}
