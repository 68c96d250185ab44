package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.domain.AppId;
import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.files.AppFile;
import fazt.storage.domain.files.FileStore;
import fazt.storage.domain.vfs.VfsPath;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link FileStore} in table {@code app_file}. A put key-share locks the blob row until it commits, so neither the
 * sweep nor a namespace drop can collect the blob between the check and the new reference (both lock blob rows
 * {@code FOR UPDATE} and re-check references before deleting). A replaced or deleted file's old blob is left to
 * the sweep, which collects it once nothing references it.
 */
@Singleton
final class JdbcFileStore implements FileStore {
    private static final String COLUMNS = "path, digest, size, content_type, updated_at";

    private final Sql sql;

    JdbcFileStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public AppFile put(AppId app, VfsPath path, Digest digest, long size, String contentType) {
        return sql.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT size FROM blob WHERE digest = ? FOR KEY SHARE")) {
                s.setString(1, digest.hex());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new StorageException.FileBlobMissing(digest.hex());
                    }
                    if (r.getLong(1) != size) {
                        throw new StorageException.SizeMismatch(path.value(), size, r.getLong(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO app_file (app_id, path, digest, size, content_type) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (app_id, path) DO UPDATE
                    SET digest = excluded.digest, size = excluded.size, content_type = excluded.content_type,
                        updated_at = now()
                    RETURNING\s""" + COLUMNS)) {
                s.setString(1, app.value());
                s.setString(2, path.value());
                s.setString(3, digest.hex());
                s.setLong(4, size);
                s.setString(5, contentType);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return file(r);
                }
            }
        });
    }

    @Override
    public AppFile stat(AppId app, VfsPath path) {
        return sql.optional(
                        "SELECT " + COLUMNS + " FROM app_file WHERE app_id = ? AND path = ?",
                        JdbcFileStore::file,
                        app.value(),
                        path.value())
                .orElse(null);
    }

    @Override
    public List<AppFile> list(AppId app, String prefix, String after, int limit) {
        return sql.list(
                "SELECT " + COLUMNS + """
                 FROM app_file WHERE app_id = ? AND path > ? AND path LIKE ? ESCAPE '\\'
                ORDER BY path LIMIT ?""",
                JdbcFileStore::file,
                app.value(),
                after == null ? "" : after,
                prefix == null ? "%" : JdbcKvStore.likePrefix(prefix),
                limit);
    }

    @Override
    public boolean delete(AppId app, VfsPath path) {
        return sql.update("DELETE FROM app_file WHERE app_id = ? AND path = ?", app.value(), path.value()) > 0;
    }

    @Override
    public long purge(AppId app) {
        return sql.update("DELETE FROM app_file WHERE app_id = ?", app.value());
    }

    private static AppFile file(ResultSet r) throws SQLException {
        return new AppFile(
                new VfsPath(r.getString(1)),
                new Digest(r.getString(2)),
                r.getLong(3),
                r.getString(4),
                JdbcKvStore.instant(r, 5));
    }
}
