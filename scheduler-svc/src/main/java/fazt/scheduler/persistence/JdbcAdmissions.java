package fazt.scheduler.persistence;

import fazt.platform.service.db.Sql;
import fazt.scheduler.domain.Admissions;
import fazt.scheduler.domain.Intake;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.TokenBucket;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@link Admissions} in PostgreSQL: the app's {@code app_intake} row is locked ({@code FOR UPDATE}) for the whole
 * decision, so instances take turns per app; its {@code stored_bytes} is kept equal to the async and webhook payloads
 * in {@code run} by the table's triggers (V2), whichever statement inserts or deletes runs.
 */
@Singleton
final class JdbcAdmissions implements Admissions {
    private final Sql db;
    private final JdbcRuns runs;

    JdbcAdmissions(Sql db, JdbcRuns runs) {
        this.db = db;
        this.runs = runs;
    }

    @Override
    public Verdict admit(Run run, Intake intake, Instant now) {
        return db.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO app_intake (app_id) VALUES (?) ON CONFLICT (app_id) DO NOTHING")) {
                s.setString(1, run.appId());
                s.executeUpdate();
            }
            TokenBucket bucket;
            long stored;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT tokens, refilled_at, stored_bytes FROM app_intake WHERE app_id = ? FOR UPDATE")) {
                s.setString(1, run.appId());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    double tokens = r.getDouble(1);
                    Timestamp at = r.getTimestamp(2);
                    bucket = at == null
                            ? TokenBucket.full(intake.burst(), now)
                            : new TokenBucket(tokens, at.toInstant()).refill(now, intake.perMinute(), intake.burst());
                    stored = r.getLong(3);
                }
            }
            if (!bucket.hasToken()) {
                return new RateLimited(bucket.secondsUntilToken(intake.perMinute()));
            }
            long size = run.body() == null ? 0 : run.body().length;
            if (stored + size > intake.maxStoredBytes()) {
                return new StorageFull(stored, intake.maxStoredBytes());
            }
            runs.insert(c, run);
            TokenBucket left = bucket.take();
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE app_intake SET tokens = ?, refilled_at = ? WHERE app_id = ?")) {
                s.setDouble(1, left.tokens());
                s.setTimestamp(2, Timestamp.from(left.at()));
                s.setString(3, run.appId());
                s.executeUpdate();
            }
            return new Admitted();
        });
    }

    @Override
    public long storedBytes(String appId) {
        return db.optional("SELECT stored_bytes FROM app_intake WHERE app_id = ?", r -> r.getLong(1), appId)
                .orElse(0L);
    }
}
