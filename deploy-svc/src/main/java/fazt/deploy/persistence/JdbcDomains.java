package fazt.deploy.persistence;

import fazt.deploy.domain.AppId;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.Domain;
import fazt.deploy.domain.Domains;
import fazt.platform.service.db.DataAccessException;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import fazt.proto.deploy.DomainState;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Domains} in deploy-svc's schema (table {@code app_domain}), one transaction per method. */
@Singleton
final class JdbcDomains implements Domains {
    private static final String COLUMNS = """
            d.domain, d.app_id, a.name, d.token, d.state, d.reason, d.failures, d.verified_at, d.checked_at
            FROM app_domain d JOIN app a ON a.app_id = d.app_id
            """;

    private final Sql db;

    JdbcDomains(Sql db) {
        this.db = db;
    }

    @Override
    public Optional<Domain> find(String name) {
        return db.optional("SELECT " + COLUMNS + " WHERE d.domain = ?", JdbcDomains::domain, name);
    }

    @Override
    public List<Domain> list() {
        return db.list("SELECT " + COLUMNS + " WHERE a.deleted_at IS NULL ORDER BY d.domain", JdbcDomains::domain);
    }

    @Override
    public List<Domain> ofApp(AppId id) {
        return db.list("SELECT " + COLUMNS + " WHERE d.app_id = ? ORDER BY d.domain", JdbcDomains::domain, id.value());
    }

    @Override
    public Domain add(String name, AppId id, String token, int maxPerApp) {
        try {
            db.inTransaction(c -> {
                // Serialises adds to one app, so two at once cannot both pass the limit.
                try (PreparedStatement lock =
                                Sql.prepare(c, "SELECT 1 FROM app WHERE app_id = ? FOR UPDATE", id.value());
                        PreparedStatement count =
                                Sql.prepare(c, "SELECT count(*) FROM app_domain WHERE app_id = ?", id.value())) {
                    lock.executeQuery().close();
                    try (ResultSet r = count.executeQuery()) {
                        r.next();
                        if (r.getInt(1) >= maxPerApp) {
                            throw new DeployException.DomainLimit(maxPerApp);
                        }
                    }
                }
                try (PreparedStatement s = Sql.prepare(
                        c,
                        "INSERT INTO app_domain (domain, app_id, token) VALUES (?, ?, ?)",
                        name,
                        id.value(),
                        token)) {
                    s.executeUpdate();
                }
                return null;
            });
        } catch (DataAccessException e) {
            if (e.is(SqlState.UNIQUE_VIOLATION)) {
                String holder = find(name).map(Domain::appName).orElse("another app");
                throw new DeployException.DomainTaken(name, holder);
            }
            throw e;
        }
        return find(name).orElseThrow();
    }

    @Override
    public boolean remove(AppId id, String name) {
        return db.update("DELETE FROM app_domain WHERE app_id = ? AND domain = ?", id.value(), name) > 0;
    }

    @Override
    public List<Domain> removeAll(AppId id) {
        return db.inTransaction(c -> {
            List<Domain> removed = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "SELECT " + COLUMNS + " WHERE d.app_id = ? ORDER BY d.domain FOR UPDATE OF d",
                            id.value());
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    removed.add(domain(r));
                }
            }
            try (PreparedStatement d = Sql.prepare(c, "DELETE FROM app_domain WHERE app_id = ?", id.value())) {
                d.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public List<Domain> claimDue(int limit, int leaseSeconds) {
        return db.inTransaction(c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement s = Sql.prepare(c, """
                    UPDATE app_domain SET next_check_at = now() + make_interval(secs => ?)
                    WHERE domain IN (SELECT domain FROM app_domain WHERE next_check_at <= now()
                                     ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING domain""", leaseSeconds, limit);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            if (names.isEmpty()) {
                return List.<Domain>of();
            }
            List<Domain> out = new ArrayList<>();
            try (PreparedStatement s =
                            Sql.prepare(c, "SELECT " + COLUMNS + " WHERE d.domain = ANY (?) ORDER BY d.domain", names);
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(domain(r));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Domain> recordCheck(
            String name,
            DomainState state,
            String reason,
            int failures,
            Instant verifiedAt,
            Instant checkedAt,
            Instant nextCheck) {
        db.update("""
                UPDATE app_domain SET state = ?, reason = ?, failures = ?, verified_at = ?::timestamptz,
                       checked_at = ?::timestamptz, next_check_at = ?::timestamptz
                WHERE domain = ?""", state.token(), reason, failures, verifiedAt, checkedAt, nextCheck, name);
        return find(name);
    }

    private static Domain domain(ResultSet r) throws SQLException {
        return new Domain(
                r.getString("domain"),
                new AppId(r.getString("app_id")),
                r.getString("name"),
                r.getString("token"),
                DomainState.valueOf(r.getString("state").toUpperCase(Locale.ROOT)),
                r.getString("reason"),
                r.getInt("failures"),
                Sql.instant(r, "verified_at"),
                Sql.instant(r, "checked_at"));
    }
}
