package fazt.storage.persistence;

import fazt.platform.service.db.DataAccessException;
import fazt.platform.service.db.Sql;
import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.blob.BlobSlice;
import fazt.storage.domain.blob.BlobStore;
import fazt.storage.domain.blob.Chunk;
import fazt.storage.domain.blob.UploadId;
import fazt.storage.domain.blob.UploadProgress;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs and uploads in PostgreSQL. Chunks are stored as written, keyed by {@code upload:<id>} while the upload is
 * open and by the digest once it is closed, so closing an upload re-keys rows instead of copying bytes. With the S3
 * store (ADR 38) this class still stages every upload and keeps every blob row; a row whose {@code location} is
 * {@code s3} has its bytes in the bucket instead of {@code blob_chunk}.
 */
final class JdbcBlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcBlobStore.class);
    /** A concurrent writer or collector can change the blob row between our two statements; a retry resolves it. */
    private static final int PROMOTE_ATTEMPTS = 5;
    /** Looks again at once, in the same transaction, while another upload of the same bytes keeps winning the row. */
    private static final Retry PROMOTE = Retry.of(
            "storage-blob-promote",
            RetryConfig.custom()
                    .maxAttempts(PROMOTE_ATTEMPTS)
                    .waitDuration(Duration.ZERO)
                    .retryOnException(e -> e instanceof BlobRowChanged)
                    .build());

    private final Sql sql;

    JdbcBlobStore(Sql sql) {
        this.sql = sql;
    }

    static String uploadKey(String uploadId) {
        return "upload:" + uploadId;
    }

    @Override
    public UploadProgress append(Chunk chunk) {
        UploadProgress progress = sql.inTransaction(c -> appendIn(c, chunk));
        if (progress.digest() != null) {
            log.debug(
                    "blob written digest={} size={} deduplicated={}",
                    progress.digest(),
                    progress.size(),
                    progress.deduplicated());
        }
        return progress;
    }

    private UploadProgress appendIn(Connection c, Chunk chunk) throws SQLException {
        String id = chunk.upload().value();
        if (chunk.offset() == 0) {
            update(c, "INSERT INTO upload (id, received) VALUES (?, 0) ON CONFLICT (id) DO NOTHING", id);
        }
        // The row lock serialises chunks of one upload that reach two instances at once.
        Long received = null;
        try (PreparedStatement s = c.prepareStatement("SELECT received FROM upload WHERE id = ? FOR UPDATE")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    received = r.getLong(1);
                }
            }
        }
        if (received == null || received != chunk.offset()) {
            throw new StorageException.UploadOutOfOrder(id, chunk.offset(), received == null ? 0 : received);
        }
        String key = uploadKey(id);
        if (chunk.data().length > 0) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO blob_chunk (blob_key, chunk_offset, data) VALUES (?, ?, ?)")) {
                s.setString(1, key);
                s.setLong(2, chunk.offset());
                s.setBytes(3, chunk.data());
                s.executeUpdate();
            }
        }
        long total = received + chunk.data().length;
        if (!chunk.last()) {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE upload SET received = ?, last_chunk_at = now() WHERE id = ?")) {
                s.setLong(1, total);
                s.setString(2, id);
                s.executeUpdate();
            }
            return UploadProgress.open(chunk.upload(), total);
        }
        Digest digest = hash(c, key, total);
        update(c, "DELETE FROM upload WHERE id = ?", id);
        boolean deduplicated = promote(c, key, digest, total);
        return UploadProgress.closed(chunk.upload(), digest, total, deduplicated);
    }

    /** SHA-256 of an upload's chunks, read one row at a time so a large blob never sits in memory whole. */
    private static Digest hash(Connection c, String key, long expectedSize) throws SQLException {
        MessageDigest sha256 = sha256();
        long position = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT chunk_offset, data FROM blob_chunk WHERE blob_key = ? ORDER BY chunk_offset")) {
            // With auto-commit off, a fetch size makes the driver use a cursor instead of reading every row first.
            s.setFetchSize(2);
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(1) != position) {
                        throw new IllegalStateException("upload chunks are not contiguous at " + position);
                    }
                    byte[] data = r.getBytes(2);
                    sha256.update(data);
                    position += data.length;
                }
            }
        }
        if (position != expectedSize) {
            throw new IllegalStateException("upload holds " + position + " bytes, expected " + expectedSize);
        }
        return Digest.ofBytes(sha256.digest());
    }

    /**
     * Makes the upload's chunks the blob {@code digest}, or drops them when that blob is stored already; returns
     * whether it was. Either way the blob's {@code written_at} is now, so the collector spares it until the writer
     * has committed it.
     */
    private static boolean promote(Connection c, String key, Digest digest, long size) {
        return PROMOTE.executeSupplier(() -> {
            try {
                return promoteOnce(c, key, digest, size);
            } catch (SQLException e) {
                throw new DataAccessException(e);
            }
        });
    }

    private static boolean promoteOnce(Connection c, String key, Digest digest, long size) throws SQLException {
        boolean stored;
        // Locking the row keeps a collector from deleting it between this check and our update.
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM blob WHERE digest = ? FOR NO KEY UPDATE")) {
            s.setString(1, digest.hex());
            try (ResultSet r = s.executeQuery()) {
                stored = r.next();
            }
        }
        if (stored) {
            update(c, "UPDATE blob SET written_at = now() WHERE digest = ?", digest.hex());
            update(c, "DELETE FROM blob_chunk WHERE blob_key = ?", key);
            return true;
        }
        int inserted;
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO blob (digest, size) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING")) {
            s.setString(1, digest.hex());
            s.setLong(2, size);
            inserted = s.executeUpdate();
        }
        if (inserted == 1) {
            try (PreparedStatement s = c.prepareStatement("UPDATE blob_chunk SET blob_key = ? WHERE blob_key = ?")) {
                s.setString(1, digest.hex());
                s.setString(2, key);
                s.executeUpdate();
            }
            return false;
        }
        // Another upload of the same bytes committed the blob between our SELECT and INSERT: look again.
        throw new BlobRowChanged();
    }

    /** The blob row changed between our look and our insert; after the last attempt it fails the upload's close. */
    private static final class BlobRowChanged extends IllegalStateException {
        BlobRowChanged() {
            super("blob row kept changing while promoting an upload");
        }
    }

    @Override
    public void discard(UploadId upload) {
        sql.inTransaction(c -> {
            update(c, "DELETE FROM upload WHERE id = ?", upload.value());
            update(c, "DELETE FROM blob_chunk WHERE blob_key = ?", uploadKey(upload.value()));
            return null;
        });
        log.info("upload discarded uploadId={}", upload);
    }

    @Override
    public Set<Digest> retain(Collection<Digest> digests) {
        List<String> hex = digests.stream().map(Digest::hex).sorted().toList();
        // Rows are locked in digest order, as drops lock them, so the two never deadlock.
        return new HashSet<>(sql.list("""
                UPDATE blob SET written_at = now()
                WHERE digest IN (SELECT digest FROM blob WHERE digest = ANY (?) ORDER BY digest FOR NO KEY UPDATE)
                RETURNING digest""", r -> new Digest(r.getString(1)), hex));
    }

    @Override
    public Optional<BlobSlice> read(Digest digest, long offset, int length) {
        return locate(digest, offset, length).map(found -> {
            if (found.inS3()) {
                throw new StorageException.BlobStoreUnavailable("blob " + digest + " is in S3 but FAZT_BLOB_STORE is "
                        + "postgres; set it back, or move the blobs with fazt-server migrate-blobs --to postgres");
            }
            return new BlobSlice(found.size(), found.bytes());
        });
    }

    /** A blob's size and whether its bytes are in S3; when they are here, the bytes asked for. */
    record Located(long size, boolean inS3, byte[] bytes) {}

    /**
     * The blob's size and location, and the bytes [offset, offset + length) when they are in PostgreSQL (none past
     * its end), from one snapshot; empty when the blob is not stored.
     */
    Optional<Located> locate(Digest digest, long offset, int length) {
        return sql.inSnapshot(c -> {
            long size;
            boolean inS3;
            try (PreparedStatement s = c.prepareStatement("SELECT size, location FROM blob WHERE digest = ?")) {
                s.setString(1, digest.hex());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    size = r.getLong(1);
                    inS3 = r.getString(2).equals(BlobMover.IN_S3);
                }
            }
            long end = Math.min(size, offset + length);
            if (inS3 || offset >= end) {
                return Optional.of(new Located(size, inS3, new byte[0]));
            }
            return Optional.of(new Located(size, false, readRange(c, digest.hex(), offset, end)));
        });
    }

    /** Bytes [offset, end) from the chunks that overlap them; only the overlapping part of each leaves the database. */
    private static byte[] readRange(Connection c, String key, long offset, long end) throws SQLException {
        byte[] out = new byte[Math.toIntExact(end - offset)];
        int filled = 0;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT greatest(?, chunk_offset) AS start,
                       substring(data
                                 FROM (greatest(?, chunk_offset) - chunk_offset + 1)::int
                                 FOR (least(?, chunk_offset + octet_length(data)) - greatest(?, chunk_offset))::int)
                FROM blob_chunk
                WHERE blob_key = ?
                  AND chunk_offset < ?
                  AND chunk_offset >= coalesce((SELECT max(chunk_offset) FROM blob_chunk
                                                WHERE blob_key = ? AND chunk_offset <= ?), 0)
                ORDER BY chunk_offset""")) {
            s.setLong(1, offset);
            s.setLong(2, offset);
            s.setLong(3, end);
            s.setLong(4, offset);
            s.setString(5, key);
            s.setLong(6, end);
            s.setString(7, key);
            s.setLong(8, offset);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int at = Math.toIntExact(r.getLong(1) - offset);
                    byte[] part = r.getBytes(2);
                    if (at != filled) {
                        throw new IllegalStateException("blob chunks leave a gap at " + (offset + filled));
                    }
                    System.arraycopy(part, 0, out, at, part.length);
                    filled += part.length;
                }
            }
        }
        if (filled != out.length) {
            throw new IllegalStateException("blob chunks end at " + (offset + filled) + ", expected " + end);
        }
        return out;
    }

    private static void update(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.executeUpdate();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
