package fazt.deploy.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.deploy.domain.App;
import fazt.deploy.domain.AppId;
import fazt.deploy.domain.AppOwner;
import fazt.deploy.domain.AppVersion;
import fazt.deploy.domain.Apps;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.Manifest;
import fazt.platform.service.db.DataAccessException;
import fazt.platform.service.db.Sql;
import fazt.platform.service.db.SqlState;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Apps} in deploy-svc's schema, plain JDBC, one transaction per method. */
@Singleton
final class JdbcApps implements Apps {
    private static final String APP_COLUMNS = """
            a.app_id, a.name, a.live_version, a.created_at, a.owner_id, a.owner_name,
            (SELECT count(*) FROM app_version v WHERE v.app_id = a.app_id) AS versions,
            lv.files, lv.bytes, coalesce(lv.created_at, a.updated_at) AS updated_at
            FROM app a LEFT JOIN app_version lv ON lv.app_id = a.app_id AND lv.version = a.live_version
            """;

    private final Sql db;
    // A manifest written by a newer deploy-svc (during a rolling upgrade) still reads.
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    JdbcApps(Sql db) {
        this.db = db;
    }

    @Override
    public Optional<App> find(String name) {
        return db.optional("SELECT " + APP_COLUMNS + " WHERE a.name = ? AND a.deleted_at IS NULL", JdbcApps::app, name);
    }

    @Override
    public List<App> list() {
        return db.list("SELECT " + APP_COLUMNS + " WHERE a.deleted_at IS NULL ORDER BY a.name", JdbcApps::app);
    }

    @Override
    public List<App> ownedBy(String ownerId) {
        return db.list(
                "SELECT " + APP_COLUMNS + " WHERE a.owner_id = ? AND a.deleted_at IS NULL ORDER BY a.name",
                JdbcApps::app,
                ownerId);
    }

    @Override
    public void setOwner(AppId id, AppOwner owner) {
        db.update("UPDATE app SET owner_id = ?, owner_name = ? WHERE app_id = ?", owner.id(), owner.name(), id.value());
    }

    @Override
    public List<AppVersion> versions(AppId id) {
        return db.withConnection(c -> versions(c, id, "ORDER BY version DESC"));
    }

    @Override
    public Optional<AppVersion> version(AppId id, int version) {
        return db.withConnection(
                c -> versions(c, id, "AND version = " + version).stream().findFirst());
    }

    @Override
    public AppVersion activate(AppId id, String name, boolean create, AppOwner owner, NewVersion v) {
        return db.inTransaction(c -> {
            if (create) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO app (app_id, name, owner_id, owner_name) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, id.value());
                    s.setString(2, name);
                    s.setString(3, owner == null ? null : owner.id());
                    s.setString(4, owner == null ? null : owner.name());
                    s.executeUpdate();
                } catch (SQLException e) {
                    if (SqlState.UNIQUE_VIOLATION.is(e)) {
                        throw new DeployException.AppNameTaken(name);
                    }
                    throw e;
                }
            }
            int next;
            // The row lock serialises concurrent deploys of one app, so version numbers never collide.
            try (PreparedStatement s =
                    c.prepareStatement("SELECT coalesce((SELECT max(version) FROM app_version WHERE app_id = ?), 0) + 1"
                            + " FROM app WHERE app_id = ? AND deleted_at IS NULL FOR UPDATE")) {
                s.setString(1, id.value());
                s.setString(2, id.value());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new DeployException.AppNotFound(name);
                    }
                    next = r.getInt(1);
                }
            }
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO app_version (app_id, version, namespace, manifest,"
                            + " files, bytes, source, api) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
                s.setString(1, id.value());
                s.setInt(2, next);
                s.setString(3, v.namespace());
                s.setString(4, json(v.manifest()));
                s.setInt(5, v.files());
                s.setLong(6, v.bytes());
                s.setString(7, v.source());
                s.setBoolean(8, v.api());
                s.executeUpdate();
            }
            setLive(c, id, next);
            return versions(c, id, "AND version = " + next).getFirst();
        });
    }

    @Override
    public void setLive(AppId id, int version) {
        db.inTransaction(c -> {
            setLive(c, id, version);
            return null;
        });
    }

    private static void setLive(Connection c, AppId id, int version) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE app SET live_version = ?, updated_at = now() WHERE app_id = ?")) {
            s.setInt(1, version);
            s.setString(2, id.value());
            s.executeUpdate();
        }
    }

    @Override
    public void rename(AppId id, String newName) {
        try {
            db.update("UPDATE app SET name = ?, updated_at = now() WHERE app_id = ?", newName, id.value());
        } catch (DataAccessException e) {
            if (e.is(SqlState.UNIQUE_VIOLATION)) {
                throw new DeployException.AppNameTaken(newName);
            }
            throw e;
        }
    }

    @Override
    public List<AppVersion> delete(AppId id) {
        return db.inTransaction(c -> {
            List<AppVersion> removed = versions(c, id, "ORDER BY version");
            try (PreparedStatement s = c.prepareStatement(
                            "UPDATE app SET deleted_at = now(), live_version = NULL WHERE app_id = ?");
                    PreparedStatement d = c.prepareStatement("DELETE FROM app_version WHERE app_id = ?");
                    PreparedStatement e = c.prepareStatement("DELETE FROM app_env WHERE app_id = ?")) {
                s.setString(1, id.value());
                s.executeUpdate();
                d.setString(1, id.value());
                d.executeUpdate();
                e.setString(1, id.value());
                e.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public List<AppVersion> prune(AppId id, int keep) {
        return db.inTransaction(c -> {
            List<AppVersion> all = versions(c, id, "ORDER BY version DESC");
            Integer live = null;
            try (PreparedStatement s = c.prepareStatement("SELECT live_version FROM app WHERE app_id = ?")) {
                s.setString(1, id.value());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        live = (Integer) r.getObject(1);
                    }
                }
            }
            List<AppVersion> removed = new ArrayList<>();
            for (int i = keep; i < all.size(); i++) {
                AppVersion old = all.get(i);
                if (live != null && old.version() == live) {
                    continue;
                }
                try (PreparedStatement d =
                        c.prepareStatement("DELETE FROM app_version WHERE app_id = ? AND version = ?")) {
                    d.setString(1, id.value());
                    d.setInt(2, old.version());
                    d.executeUpdate();
                }
                removed.add(old);
            }
            return removed;
        });
    }

    @Override
    public void record(AppId id, String kind, Integer version, String detail) {
        db.update(
                "INSERT INTO deploy_event (app_id, kind, version, detail) VALUES (?, ?, ?, ?)",
                id.value(),
                kind,
                version,
                detail);
    }

    private List<AppVersion> versions(Connection c, AppId id, String tail) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT version, namespace, manifest::text, files, bytes, source, created_at, api"
                        + " FROM app_version WHERE app_id = ? " + tail)) {
            s.setString(1, id.value());
            try (ResultSet r = s.executeQuery()) {
                List<AppVersion> versions = new ArrayList<>();
                while (r.next()) {
                    versions.add(new AppVersion(
                            id,
                            r.getInt(1),
                            r.getString(2),
                            manifest(r.getString(3)),
                            r.getInt(4),
                            r.getLong(5),
                            r.getString(6),
                            r.getTimestamp(7).toInstant(),
                            r.getBoolean(8)));
                }
                return versions;
            }
        }
    }

    private static App app(ResultSet r) throws SQLException {
        Timestamp updated = r.getTimestamp("updated_at");
        return new App(
                new AppId(r.getString("app_id")),
                r.getString("name"),
                (Integer) r.getObject("live_version"),
                r.getInt("versions"),
                r.getInt("files"),
                r.getLong("bytes"),
                r.getTimestamp("created_at").toInstant(),
                updated == null ? null : updated.toInstant(),
                r.getString("owner_id") == null
                        ? null
                        : new AppOwner(r.getString("owner_id"), r.getString("owner_name")));
    }

    private String json(Manifest manifest) {
        try {
            return json.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Manifest manifest(String text) {
        try {
            return json.readValue(text, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored manifest unreadable", e);
        }
    }
}
