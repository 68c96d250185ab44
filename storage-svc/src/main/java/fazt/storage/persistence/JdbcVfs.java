package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.vfs.Committed;
import fazt.storage.domain.vfs.Dropped;
import fazt.storage.domain.vfs.FileEntry;
import fazt.storage.domain.vfs.Namespace;
import fazt.storage.domain.vfs.Vfs;
import fazt.storage.domain.vfs.VfsPath;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespaces and their files in PostgreSQL.
 *
 * <p>Commits and drops may run at once on several instances, and a drop deletes blobs that a commit may be about to
 * reference. So a commit takes a key-share lock on every blob it references, and a drop first locks the blobs it may
 * collect (in digest order, as everyone does) and only then, in a new statement and so a new snapshot, checks that
 * nothing references them: a commit that got there first has either committed its files, which the check then sees,
 * or waits and finds the blob gone (422).
 */
@Singleton
final class JdbcVfs implements Vfs {
    private static final Logger log = LoggerFactory.getLogger(JdbcVfs.class);

    private final Sql sql;

    JdbcVfs(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Committed commit(Namespace namespace, List<FileEntry> files) {
        long bytes = files.stream().mapToLong(FileEntry::size).sum();
        Committed committed = sql.inTransaction(c -> {
            // The primary key makes concurrent commits of one name wait for each other; the loser sees a conflict.
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO namespace (name, files, bytes) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                s.setString(1, namespace.value());
                s.setInt(2, files.size());
                s.setLong(3, bytes);
                if (s.executeUpdate() == 0) {
                    throw new StorageException.NamespaceExists(namespace.value());
                }
            }
            Map<String, Long> stored = lockBlobs(c, files);
            for (FileEntry file : files) {
                Long size = stored.get(file.digest().hex());
                if (size == null) {
                    throw new StorageException.BlobMissing(
                            file.path().value(), file.digest().hex());
                }
                if (size != file.size()) {
                    throw new StorageException.SizeMismatch(file.path().value(), file.size(), size);
                }
            }
            insertFiles(c, namespace, files);
            return new Committed(namespace, files.size(), bytes);
        });
        log.info("namespace committed namespace={} files={} bytes={}", namespace, committed.files(), bytes);
        return committed;
    }

    /** Sizes of the stored blobs among the files', key-share locked until commit so no drop collects them meanwhile. */
    private static Map<String, Long> lockBlobs(Connection c, List<FileEntry> files) throws SQLException {
        TreeSet<String> digests = new TreeSet<>();
        files.forEach(f -> digests.add(f.digest().hex()));
        Map<String, Long> stored = new HashMap<>();
        if (digests.isEmpty()) {
            return stored;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT digest, size FROM blob WHERE digest = ANY (?) ORDER BY digest FOR KEY SHARE")) {
            s.setArray(1, c.createArrayOf("text", digests.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stored.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return stored;
    }

    private static void insertFiles(Connection c, Namespace namespace, List<FileEntry> files) throws SQLException {
        if (files.isEmpty()) {
            return;
        }
        String[] paths = new String[files.size()];
        String[] digests = new String[files.size()];
        Long[] sizes = new Long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            paths[i] = files.get(i).path().value();
            digests[i] = files.get(i).digest().hex();
            sizes[i] = files.get(i).size();
        }
        // One statement for the whole namespace rather than a round trip per file.
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO vfs_file (namespace, path, digest, size)
                SELECT ?, p, d, z FROM unnest(?::text[], ?::text[], ?::bigint[]) AS f (p, d, z)""")) {
            s.setString(1, namespace.value());
            s.setArray(2, c.createArrayOf("text", paths));
            s.setArray(3, c.createArrayOf("text", digests));
            s.setArray(4, c.createArrayOf("bigint", sizes));
            s.executeUpdate();
        }
    }

    @Override
    public List<FileEntry> find(Namespace namespace, Collection<VfsPath> paths) {
        List<String> values = paths.stream().map(VfsPath::value).toList();
        return sql.list(
                "SELECT path, digest, size FROM vfs_file WHERE namespace = ? AND path = ANY (?)",
                JdbcVfs::file,
                namespace.value(),
                values);
    }

    @Override
    public List<FileEntry> list(Namespace namespace, VfsPath after, int limit) {
        // Every valid path sorts after the empty string, so it stands for "from the start".
        return sql.list("""
                SELECT path, digest, size FROM vfs_file
                WHERE namespace = ? AND path > ? ORDER BY path LIMIT ?""", JdbcVfs::file, namespace.value(), after == null ? "" : after.value(), limit);
    }

    private static FileEntry file(ResultSet r) throws SQLException {
        return new FileEntry(new VfsPath(r.getString(1)), new Digest(r.getString(2)), r.getLong(3));
    }

    @Override
    public Dropped drop(Namespace namespace) {
        Dropped dropped = sql.inTransaction(c -> {
            OffsetDateTime createdAt = null;
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM namespace WHERE name = ? RETURNING created_at")) {
                s.setString(1, namespace.value());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        createdAt = r.getObject(1, OffsetDateTime.class);
                    }
                }
            }
            if (createdAt == null) {
                return new Dropped(namespace, 0, 0);
            }
            int files = 0;
            TreeSet<String> digests = new TreeSet<>();
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM vfs_file WHERE namespace = ? RETURNING digest")) {
                s.setString(1, namespace.value());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        files++;
                        digests.add(r.getString(1));
                    }
                }
            }
            return new Dropped(namespace, files, collect(c, digests, createdAt));
        });
        log.info(
                "namespace dropped namespace={} files={} blobsCollected={}",
                namespace,
                dropped.files(),
                dropped.blobsCollected());
        return dropped;
    }

    /**
     * Deletes those of {@code digests} that no file references any more. A blob written (or confirmed present to a
     * writer) after the namespace was committed is spared: its writer is about to commit it elsewhere, and the
     * periodic sweep collects it after the grace period if it never does.
     */
    private static int collect(Connection c, TreeSet<String> digests, OffsetDateTime namespaceCreatedAt)
            throws SQLException {
        if (digests.isEmpty()) {
            return 0;
        }
        var candidates = c.createArrayOf("text", digests.toArray());
        try (PreparedStatement s =
                c.prepareStatement("SELECT digest FROM blob WHERE digest = ANY (?) ORDER BY digest FOR UPDATE")) {
            s.setArray(1, candidates);
            s.executeQuery().close();
        }
        List<String> collected = new ArrayList<>();
        // A blob whose bytes are in the bucket leaves a record: its object is deleted one grace later (ADR 38).
        try (PreparedStatement s = c.prepareStatement("""
                WITH gone AS (
                    DELETE FROM blob b
                    WHERE b.digest = ANY (?) AND b.written_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM vfs_file f WHERE f.digest = b.digest)
                      AND NOT EXISTS (SELECT 1 FROM app_file a WHERE a.digest = b.digest)
                    RETURNING b.digest, b.location),
                recorded AS (
                    INSERT INTO blob_stray_object (digest) SELECT digest FROM gone WHERE location = 's3'
                    ON CONFLICT (digest) DO UPDATE SET since = now())
                SELECT digest FROM gone""")) {
            s.setArray(1, candidates);
            s.setObject(2, namespaceCreatedAt);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    collected.add(r.getString(1));
                }
            }
        }
        if (!collected.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM blob_chunk WHERE blob_key = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", collected.toArray()));
                s.executeUpdate();
            }
        }
        return collected.size();
    }
}
