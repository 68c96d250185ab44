package fazt.scheduler.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.platform.service.db.Sql;
import fazt.proto.runtime.HttpHeader;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.Runs;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Runs} in PostgreSQL. Concurrency slots are counted under a per-app transaction advisory lock. */
@Singleton
final class JdbcRuns implements Runs {
    private static final String COLUMNS =
            "run_id, app_id, app_name, trigger, source, status, method, url, headers::text,"
                    + " body, scheduled_for, replay_of, max_attempts, attempts, lost, error, created_at, next_attempt_at, finished_at";
    private static final TypeReference<List<HttpHeader>> HEADERS = new TypeReference<>() {};
    private final Sql db;
    private final ObjectMapper json = new ObjectMapper();

    JdbcRuns(Sql db) {
        this.db = db;
    }

    @Override
    public void insert(Run run) {
        db.inTransaction(c -> {
            insert(c, run);
            return null;
        });
    }

    @Override
    public Keyed insertOnce(Run run, String dedupeKey) {
        return db.inTransaction(c -> {
            if (insert(c, run, dedupeKey) == 1) {
                return new Keyed(run, true);
            }
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM run WHERE app_id = ? AND dedupe_key = ?")) {
                s.setString(1, run.appId());
                s.setString(2, dedupeKey);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("run under key vanished: " + dedupeKey);
                    }
                    return new Keyed(run(r), false);
                }
            }
        });
    }

    void insert(Connection c, Run run) throws SQLException {
        insert(c, run, null);
    }

    /**
     * Inserts {@code run}; with a {@code dedupeKey} nothing happens when the app already has a run under it (the
     * statement waits for a concurrent insert of the same key to commit or roll back). Returns the rows inserted.
     */
    private int insert(Connection c, Run run, String dedupeKey) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO run (run_id, app_id, app_name, trigger, source, status,"
                        + " method, url, headers, body, scheduled_for, replay_of, max_attempts, attempts, lost, error, created_at,"
                        + " finished_at, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + (dedupeKey == null ? "" : " ON CONFLICT (app_id, dedupe_key) DO NOTHING"))) {
            s.setString(1, run.runId());
            s.setString(2, run.appId());
            s.setString(3, run.appName());
            s.setString(4, run.trigger());
            s.setString(5, run.source());
            s.setString(6, run.status());
            s.setString(7, run.method());
            s.setString(8, run.url());
            s.setString(9, headers(run.headers()));
            s.setBytes(10, run.body());
            s.setTimestamp(11, ts(run.scheduledFor()));
            s.setString(12, run.replayOf());
            s.setInt(13, run.maxAttempts());
            s.setInt(14, run.attempts());
            s.setInt(15, run.lost());
            s.setString(16, run.error());
            s.setTimestamp(17, ts(run.createdAt()));
            s.setTimestamp(18, ts(run.finishedAt()));
            s.setString(19, dedupeKey);
            return s.executeUpdate();
        }
    }

    @Override
    public Optional<Run> find(String runId) {
        return db.optional("SELECT " + COLUMNS + " FROM run WHERE run_id = ?", this::run, runId);
    }

    @Override
    public Optional<Run> findByKey(String appId, String dedupeKey) {
        return db.optional(
                "SELECT " + COLUMNS + " FROM run WHERE app_id = ? AND dedupe_key = ?", this::run, appId, dedupeKey);
    }

    @Override
    public List<Run.Attempt> attempts(String runId) {
        return db.list(
                "SELECT n, started_at, ended_at, status, http_status, error, log,"
                        + " instance, counted FROM attempt WHERE run_id = ? ORDER BY n",
                r -> {
                    int http = r.getInt(5);
                    Integer status = r.wasNull() ? null : http;
                    return new Run.Attempt(
                            r.getInt(1),
                            instant(r.getTimestamp(2)),
                            instant(r.getTimestamp(3)),
                            r.getString(4),
                            status,
                            r.getString(6),
                            r.getString(7),
                            r.getString(8),
                            r.getBoolean(9));
                },
                runId);
    }

    @Override
    public List<Run> list(String appId, String status, String trigger, int limit, String after) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM run WHERE app_id = ?");
        List<Object> params = new ArrayList<>(List.of(appId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status);
        }
        if (trigger != null) {
            sql.append(" AND trigger = ?");
            params.add(trigger);
        }
        if (after != null) {
            sql.append(
                    " AND (created_at, run_id) < (SELECT created_at, run_id FROM run WHERE run_id = ? AND app_id = ?)");
            params.add(after);
            params.add(appId);
        }
        sql.append(" ORDER BY created_at DESC, run_id DESC LIMIT ?");
        params.add(limit);
        return db.list(sql.toString(), this::run, params.toArray());
    }

    @Override
    public void markEnqueued(String runId, Instant at) {
        db.update("UPDATE run SET enqueued_at = ? WHERE run_id = ? AND enqueued_at IS NULL", at, runId);
    }

    @Override
    public List<String> notEnqueued(Instant before, int limit) {
        return db.list(
                "SELECT run_id FROM run WHERE enqueued_at IS NULL AND status = 'queued'"
                        + " AND created_at < ? ORDER BY created_at LIMIT ?",
                r -> r.getString(1),
                before,
                limit);
    }

    @Override
    public int startAttempt(String runId, String appId, int concurrency, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                s.setString(1, "scheduler.app." + appId);
                s.execute();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM run WHERE app_id = ? AND status = 'running' AND run_id <> ?")) {
                s.setString(1, appId);
                s.setString(2, runId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= concurrency) {
                        return 0;
                    }
                }
            }
            // An attempt still open here was running on a scheduler that died: the queue redelivered its run.
            int interrupted;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE attempt SET status = 'lost', ended_at = ?, counted = false,"
                            + " error = 'the scheduler running this attempt stopped' WHERE run_id = ? AND status = 'running'")) {
                s.setTimestamp(1, ts(now));
                s.setString(2, runId);
                interrupted = s.executeUpdate();
            }
            int n;
            try (PreparedStatement s =
                    c.prepareStatement("SELECT coalesce(max(n), 0) + 1 FROM attempt WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    n = r.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE run SET status = 'running', lost = lost + ?,"
                    + " next_attempt_at = NULL WHERE run_id = ?")) {
                s.setInt(1, interrupted);
                s.setString(2, runId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO attempt (run_id, n, started_at, status) VALUES (?, ?, ?, 'running')")) {
                s.setString(1, runId);
                s.setInt(2, n);
                s.setTimestamp(3, ts(now));
                s.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public void finishAttempt(String runId, Run.Attempt a, Run updated) {
        db.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE attempt SET ended_at = ?, status = ?, http_status = ?,"
                            + " error = ?, log = ?, instance = ?, counted = ? WHERE run_id = ? AND n = ?")) {
                s.setTimestamp(1, ts(a.endedAt()));
                s.setString(2, a.status());
                if (a.httpStatus() == null) {
                    s.setNull(3, Types.INTEGER);
                } else {
                    s.setInt(3, a.httpStatus());
                }
                s.setString(4, a.error());
                s.setString(5, a.log());
                s.setString(6, a.instance());
                s.setBoolean(7, a.counted());
                s.setString(8, runId);
                s.setInt(9, a.n());
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE run SET status = ?, attempts = ?, lost = ?, error = ?,"
                            + " next_attempt_at = ?, finished_at = ? WHERE run_id = ?")) {
                s.setString(1, updated.status());
                s.setInt(2, updated.attempts());
                s.setInt(3, updated.lost());
                s.setString(4, updated.error());
                s.setTimestamp(5, ts(updated.nextAttemptAt()));
                s.setTimestamp(6, ts(updated.finishedAt()));
                s.setString(7, runId);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff) {
        return db.update("DELETE FROM run WHERE finished_at < ?", cutoff);
    }

    private Run run(ResultSet r) throws SQLException {
        return new Run(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                parse(r.getString(9)),
                r.getBytes(10),
                instant(r.getTimestamp(11)),
                r.getString(12),
                r.getInt(13),
                r.getInt(14),
                r.getInt(15),
                r.getString(16),
                instant(r.getTimestamp(17)),
                instant(r.getTimestamp(18)),
                instant(r.getTimestamp(19)));
    }

    private String headers(List<HttpHeader> headers) {
        try {
            return json.writeValueAsString(headers == null ? List.of() : headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serialisable", e);
        }
    }

    private List<HttpHeader> parse(String text) {
        try {
            return json.readValue(text, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored headers unreadable", e);
        }
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
