package fazt.scheduler.persistence;

import fazt.platform.service.db.Sql;
import fazt.scheduler.domain.Intake;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.RunPolicy;
import fazt.scheduler.domain.Schedule;
import fazt.scheduler.domain.Schedules;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@link Schedules} in PostgreSQL: due schedules are claimed with {@code FOR UPDATE SKIP LOCKED} (ADR 0011). */
@Singleton
final class JdbcSchedules implements Schedules {
    private static final String COLUMNS =
            "app_id, name, cron, tz, every_ms, catchup, next_fire, last_fire, last_run_id";
    private final Sql db;
    private final JdbcRuns runs;

    JdbcSchedules(Sql db, JdbcRuns runs) {
        this.db = db;
        this.runs = runs;
    }

    @Override
    public void replace(String appId, RunPolicy policy, Intake intake, List<Schedule> schedules) {
        db.inTransaction(c -> {
            Map<String, Schedule> existing = new HashMap<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM schedule WHERE app_id = ? FOR UPDATE")) {
                s.setString(1, appId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Schedule found = schedule(r);
                        existing.put(found.name(), found);
                    }
                }
            }
            if (policy == null) {
                update(c, "DELETE FROM schedule WHERE app_id = ?", appId);
                update(c, "DELETE FROM app_policy WHERE app_id = ?", appId);
                return null;
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO app_policy (app_id, app_name, attempts, backoff_ms, concurrency, timeout_ms, async,
                      per_minute, burst, max_stored_bytes, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (app_id) DO UPDATE SET app_name = excluded.app_name, attempts = excluded.attempts,
                      backoff_ms = excluded.backoff_ms, concurrency = excluded.concurrency,
                      timeout_ms = excluded.timeout_ms, async = excluded.async, per_minute = excluded.per_minute,
                      burst = excluded.burst, max_stored_bytes = excluded.max_stored_bytes, updated_at = now()""")) {
                Intake limits = intake == null ? Intake.DEFAULT : intake;
                s.setString(1, appId);
                s.setString(2, policy.appName());
                s.setInt(3, policy.attempts());
                s.setLong(4, policy.backoffMillis());
                s.setInt(5, policy.concurrency());
                s.setInt(6, policy.timeoutMillis());
                s.setArray(7, c.createArrayOf("text", limits.async().toArray()));
                s.setInt(8, limits.perMinute());
                s.setInt(9, limits.burst());
                s.setLong(10, limits.maxStoredBytes());
                s.executeUpdate();
            }
            List<String> keep = new ArrayList<>();
            for (Schedule wanted : schedules) {
                keep.add(wanted.name());
                Schedule old = existing.get(wanted.name());
                if (old != null && old.sameDefinition(wanted)) {
                    if (!old.catchup().equals(wanted.catchup())) {
                        try (PreparedStatement s =
                                c.prepareStatement("UPDATE schedule SET catchup = ? WHERE app_id = ? AND name = ?")) {
                            s.setString(1, wanted.catchup());
                            s.setString(2, appId);
                            s.setString(3, wanted.name());
                            s.executeUpdate();
                        }
                    }
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO schedule (app_id, name, cron, tz, every_ms, catchup, next_fire) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app_id, name) DO UPDATE SET cron = excluded.cron, tz = excluded.tz,
                          every_ms = excluded.every_ms, catchup = excluded.catchup, next_fire = excluded.next_fire""")) {
                    s.setString(1, appId);
                    s.setString(2, wanted.name());
                    s.setString(3, wanted.cron());
                    s.setString(4, wanted.tz());
                    if (wanted.everyMillis() == null) {
                        s.setNull(5, Types.BIGINT);
                    } else {
                        s.setLong(5, wanted.everyMillis());
                    }
                    s.setString(6, wanted.catchup());
                    s.setTimestamp(7, Timestamp.from(wanted.nextFire()));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM schedule WHERE app_id = ? AND NOT (name = ANY (?))")) {
                s.setString(1, appId);
                s.setArray(2, c.createArrayOf("text", keep.toArray()));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<String> appIds() {
        return db.list("SELECT app_id FROM app_policy ORDER BY app_id", r -> r.getString(1));
    }

    @Override
    public List<Schedule> of(String appId) {
        return db.list(
                "SELECT " + COLUMNS + " FROM schedule WHERE app_id = ? ORDER BY name", JdbcSchedules::schedule, appId);
    }

    @Override
    public Optional<RunPolicy> policy(String appId) {
        return db.optional(
                """
                SELECT app_id, app_name, attempts, backoff_ms, concurrency, timeout_ms FROM app_policy WHERE app_id = ?""",
                r -> new RunPolicy(r.getString(1), r.getString(2), r.getInt(3), r.getLong(4), r.getInt(5), r.getInt(6)),
                appId);
    }

    @Override
    public Optional<Intake> intake(String appId) {
        return db.optional(
                "SELECT async, per_minute, burst, max_stored_bytes FROM app_policy WHERE app_id = ?",
                r -> new Intake(List.of((String[]) r.getArray(1).getArray()), r.getInt(2), r.getInt(3), r.getLong(4)),
                appId);
    }

    @Override
    public List<Run> fireDue(Instant now, int limit, BiFunction<Schedule, RunPolicy, Tick> decide) {
        return db.inTransaction(c -> {
            List<Schedule> due = new ArrayList<>();
            List<RunPolicy> policies = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT s.app_id, s.name, s.cron, s.tz, s.every_ms, s.catchup,"
                            + " s.next_fire, s.last_fire, s.last_run_id, p.app_name, p.attempts, p.backoff_ms, p.concurrency,"
                            + " p.timeout_ms FROM schedule s JOIN app_policy p ON p.app_id = s.app_id"
                            + " WHERE s.next_fire <= ? ORDER BY s.next_fire LIMIT ? FOR UPDATE OF s SKIP LOCKED")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Schedule found = schedule(r);
                        due.add(found);
                        policies.add(new RunPolicy(
                                found.appId(),
                                r.getString(10),
                                r.getInt(11),
                                r.getLong(12),
                                r.getInt(13),
                                r.getInt(14)));
                    }
                }
            }
            List<Run> fired = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                Schedule s = due.get(i);
                Tick tick = decide.apply(s, policies.get(i));
                if (tick.run() != null) {
                    runs.insert(c, tick.run());
                    fired.add(tick.run());
                }
                try (PreparedStatement u = c.prepareStatement("UPDATE schedule SET next_fire = ?,"
                        + " last_fire = coalesce(?, last_fire), last_run_id = coalesce(?, last_run_id)"
                        + " WHERE app_id = ? AND name = ?")) {
                    u.setTimestamp(1, Timestamp.from(tick.nextFire()));
                    u.setTimestamp(
                            2,
                            tick.run() == null
                                    ? null
                                    : Timestamp.from(tick.run().scheduledFor()));
                    u.setString(3, tick.run() == null ? null : tick.run().runId());
                    u.setString(4, s.appId());
                    u.setString(5, s.name());
                    u.executeUpdate();
                }
            }
            return fired;
        });
    }

    private static void update(Connection c, String sql, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, appId);
            s.executeUpdate();
        }
    }

    private static Schedule schedule(ResultSet r) throws SQLException {
        long every = r.getLong(5);
        Long everyMillis = r.wasNull() ? null : every;
        Timestamp last = r.getTimestamp(8);
        return new Schedule(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                everyMillis,
                r.getString(6),
                r.getTimestamp(7).toInstant(),
                last == null ? null : last.toInstant(),
                r.getString(9));
    }
}
