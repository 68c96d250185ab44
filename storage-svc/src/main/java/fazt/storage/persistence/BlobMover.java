package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Moves one blob's bytes between PostgreSQL ({@code blob_chunk}) and the bucket, flipping its row's
 * {@code location} in the transaction that makes the move final, so a reader always finds the bytes where the row
 * says. Every move is verified against the digest before it becomes visible, and idempotent: a blob already where it
 * is asked to go is left alone, so a cut-off run resumes by running again (ADR 38).
 *
 * <p>The order that keeps the sweep from deleting an object a row needs: a writer first records the digest in
 * {@code blob_stray_object} (committed, and waiting for a sweep that holds that row), then writes the object, then in
 * one transaction flips the row and removes its record. The sweep deletes an object only while it holds the record,
 * which is older than the grace, and no row with location {@code s3} names the digest.
 */
final class BlobMover {
    static final String IN_S3 = "s3";
    static final String IN_POSTGRES = "pg";
    /** Blobs up to this size are written in one request; larger ones in parts of this size (S3's minimum is 5 MiB). */
    static final int PART_BYTES = 8 << 20;

    private final Sql sql;
    private final S3Objects objects;

    BlobMover(Sql sql, S3Objects objects) {
        this.sql = sql;
        this.objects = objects;
    }

    /** Moves the blob's bytes into the bucket; false when its row is gone or says they are there already. */
    boolean toS3(Digest digest) {
        Optional<Long> size = sql.optional(
                "SELECT size FROM blob WHERE digest = ? AND location = ?",
                r -> r.getLong(1),
                digest.hex(),
                IN_POSTGRES);
        if (size.isEmpty()) {
            return false;
        }
        sql.update(
                "INSERT INTO blob_stray_object (digest) VALUES (?) ON CONFLICT (digest) DO UPDATE SET since = now()",
                digest.hex());
        OptionalLong there = objects.size(digest);
        // Content-addressed: an object of the right size under this key holds these bytes (it was verified when
        // written), so an object is written once; a collected blob uploaded again finds it until the sweep runs.
        if (there.isEmpty() || there.getAsLong() != size.get()) {
            write(digest, size.get());
        }
        return sql.inTransaction(c -> {
            // written_at restarts too: the grace against collection counts from when the writer is told.
            if (update(
                            c,
                            "UPDATE blob SET location = '" + IN_S3 + "', written_at = now() WHERE digest = ?"
                                    + " AND location = '" + IN_POSTGRES + "'",
                            digest.hex())
                    == 0) {
                // Collected or moved meanwhile: the record stays, so the sweep removes the object unless a row needs
                // it.
                return false;
            }
            if (update(c, "DELETE FROM blob_stray_object WHERE digest = ?", digest.hex()) == 0) {
                throw new IllegalStateException("the sweep took the record of blob " + digest
                        + " while its object was written (a write longer than the grace); try again");
            }
            update(c, "DELETE FROM blob_chunk WHERE blob_key = ?", digest.hex());
            return true;
        });
    }

    /** Moves the blob's bytes back into PostgreSQL; its object goes after the grace. False when not in the bucket. */
    boolean toPostgres(Digest digest) {
        return sql.inTransaction(c -> {
            long size;
            // Locked, so the collector (which skips locked rows) cannot delete the row under the chunks we add.
            try (PreparedStatement s = Sql.prepare(
                            c,
                            "SELECT size FROM blob WHERE digest = ? AND location = ? FOR NO KEY UPDATE",
                            digest.hex(),
                            IN_S3);
                    ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                size = r.getLong(1);
            }
            MessageDigest sha256 = sha256();
            long offset = 0;
            try (InputStream in = objects.open(digest);
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO blob_chunk (blob_key, chunk_offset, data) VALUES (?, ?, ?)")) {
                byte[] piece;
                while ((piece = in.readNBytes(StorageSubjects.CHUNK_SIZE)).length > 0) {
                    sha256.update(piece);
                    insert.setString(1, digest.hex());
                    insert.setLong(2, offset);
                    insert.setBytes(3, piece);
                    insert.executeUpdate();
                    offset += piece.length;
                }
            } catch (IOException e) {
                throw new fazt.storage.domain.StorageException.BlobStoreUnavailable("reading an object failed mid-way");
            }
            verify(digest, size, offset, sha256);
            update(c, "UPDATE blob SET location = '" + IN_POSTGRES + "' WHERE digest = ?", digest.hex());
            update(
                    c,
                    "INSERT INTO blob_stray_object (digest) VALUES (?) ON CONFLICT (digest) DO UPDATE SET since = now()",
                    digest.hex());
            return true;
        });
    }

    /** Up to {@code limit} digests after {@code after} (null: from the start) whose bytes are in {@code location}. */
    List<Digest> page(String location, Digest after, int limit) {
        return sql.list(
                "SELECT digest FROM blob WHERE location = ? AND digest > ? ORDER BY digest LIMIT ?",
                r -> new Digest(r.getString(1)),
                location,
                after == null ? "" : after.hex(),
                limit);
    }

    /** Blobs whose bytes are in {@code location}, and their bytes. */
    long[] count(String location) {
        return sql.one(
                "SELECT count(*), coalesce(sum(size), 0) FROM blob WHERE location = ?",
                r -> new long[] {r.getLong(1), r.getLong(2)},
                location);
    }

    /** Streams the blob's chunks to the bucket, one request or parts, checking them against the digest first. */
    private void write(Digest digest, long size) {
        sql.inSnapshot(c -> {
            MessageDigest sha256 = sha256();
            if (size <= PART_BYTES) {
                byte[] all = new byte[(int) size];
                long read = readChunks(c, digest, (data, at) -> System.arraycopy(data, 0, all, (int) at, data.length));
                sha256.update(all);
                verify(digest, size, read, sha256);
                objects.put(digest, all);
                return null;
            }
            S3Objects.Multipart upload = objects.startMultipart(digest);
            try {
                byte[] part = new byte[PART_BYTES];
                int[] filled = {0};
                long read = readChunks(c, digest, (data, at) -> {
                    sha256.update(data);
                    int from = 0;
                    while (from < data.length) {
                        int n = Math.min(data.length - from, PART_BYTES - filled[0]);
                        System.arraycopy(data, from, part, filled[0], n);
                        filled[0] += n;
                        from += n;
                        if (filled[0] == PART_BYTES) {
                            upload.part(part, PART_BYTES);
                            filled[0] = 0;
                        }
                    }
                });
                if (filled[0] > 0) {
                    upload.part(part, filled[0]);
                }
                // Checked before completing: an object that does not hash to its key never appears.
                verify(digest, size, read, sha256);
                upload.complete();
            } catch (RuntimeException e) {
                upload.abort();
                throw e;
            }
            return null;
        });
    }

    /** What to do with each chunk of a blob, in order, with its offset. */
    @FunctionalInterface
    private interface ChunkSink {
        void accept(byte[] data, long offset);
    }

    /** Feeds the blob's chunks to {@code sink} one row at a time; returns the bytes read. */
    private static long readChunks(Connection c, Digest digest, ChunkSink sink) throws SQLException {
        long position = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT chunk_offset, data FROM blob_chunk WHERE blob_key = ? ORDER BY chunk_offset")) {
            s.setFetchSize(2);
            s.setString(1, digest.hex());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getLong(1) != position) {
                        throw new IllegalStateException("chunks of blob " + digest + " leave a gap at " + position);
                    }
                    byte[] data = r.getBytes(2);
                    sink.accept(data, position);
                    position += data.length;
                }
            }
        }
        return position;
    }

    private static void verify(Digest digest, long size, long read, MessageDigest sha256) {
        Digest actual = Digest.ofBytes(sha256.digest());
        if (read != size || !actual.equals(digest)) {
            throw new IllegalStateException("blob " + digest + " read back as " + read + " bytes hashing to " + actual
                    + ", not its " + size + " bytes; not moved");
        }
    }

    private static int update(Connection c, String statement, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, parameter);
            return s.executeUpdate();
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
