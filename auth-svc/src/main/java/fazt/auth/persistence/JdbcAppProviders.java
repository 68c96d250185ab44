package fazt.auth.persistence;

import fazt.auth.domain.appauth.AppAccess;
import fazt.auth.domain.appauth.AppProviders;
import fazt.auth.domain.appauth.ProviderConfig;
import fazt.auth.domain.appauth.ProviderKind;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** App login providers in {@code auth.app_provider} and allow-lists in {@code auth.app_access}. */
@Singleton
final class JdbcAppProviders implements AppProviders {
    private static final String COLUMNS = "app, provider, kind, client_id, client_secret, discovery_url, updated_at";
    private final Sql sql;

    JdbcAppProviders(Sql sql) {
        this.sql = sql;
    }

    private static ProviderConfig config(ResultSet r) throws SQLException {
        return new ProviderConfig(
                r.getString("app"),
                r.getString("provider"),
                ProviderKind.valueOf(r.getString("kind").toUpperCase(Locale.ROOT)),
                r.getString("client_id"),
                r.getBytes("client_secret"),
                r.getString("discovery_url"),
                Sql.instant(r, "updated_at"));
    }

    @Override
    public List<ProviderConfig> list(String app) {
        return sql.list(
                "SELECT " + COLUMNS + " FROM app_provider WHERE app = ? ORDER BY provider",
                JdbcAppProviders::config,
                app);
    }

    @Override
    public Optional<ProviderConfig> get(String app, String provider) {
        return sql.optional(
                "SELECT " + COLUMNS + " FROM app_provider WHERE app = ? AND provider = ?",
                JdbcAppProviders::config,
                app,
                provider);
    }

    @Override
    public void put(ProviderConfig c) {
        sql.update(
                "INSERT INTO app_provider (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (app, provider) DO UPDATE SET kind = excluded.kind, client_id = excluded.client_id,"
                        + " client_secret = excluded.client_secret, discovery_url = excluded.discovery_url,"
                        + " updated_at = excluded.updated_at",
                c.app(),
                c.provider(),
                c.kind().id(),
                c.clientId(),
                c.sealedSecret(),
                c.discoveryUrl(),
                c.updatedAt());
    }

    @Override
    public boolean delete(String app, String provider) {
        return sql.update("DELETE FROM app_provider WHERE app = ? AND provider = ?", app, provider) == 1;
    }

    @Override
    public AppAccess access(String app) {
        return sql.optional(
                        "SELECT emails, domains FROM app_access WHERE app = ?",
                        r -> new AppAccess(
                                Arrays.asList((String[]) r.getArray(1).getArray()),
                                Arrays.asList((String[]) r.getArray(2).getArray())),
                        app)
                .orElse(AppAccess.EVERYONE);
    }

    @Override
    public void putAccess(String app, AppAccess access) {
        sql.update(
                "INSERT INTO app_access (app, emails, domains) VALUES (?, ?, ?) ON CONFLICT (app)"
                        + " DO UPDATE SET emails = excluded.emails, domains = excluded.domains",
                app,
                access.emails(),
                access.domains());
    }

    @Override
    public int forget(String app) {
        sql.update("DELETE FROM app_access WHERE app = ?", app);
        return sql.update("DELETE FROM app_provider WHERE app = ?", app);
    }

    @Override
    public int move(String from, String to) {
        // A stale row under the new name (an app deleted while we were away) must not survive the move.
        sql.update(
                "DELETE FROM app_access WHERE app = ? AND EXISTS (SELECT 1 FROM app_access WHERE app = ?)", to, from);
        sql.update("UPDATE app_access SET app = ? WHERE app = ?", to, from);
        sql.update(
                "DELETE FROM app_provider WHERE app = ? AND EXISTS (SELECT 1 FROM app_provider WHERE app = ?)",
                to,
                from);
        return sql.update("UPDATE app_provider SET app = ? WHERE app = ?", to, from);
    }
}
