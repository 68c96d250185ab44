package fazt.storage.persistence;

import fazt.storage.domain.Digest;
import fazt.storage.domain.blob.BlobSlice;
import fazt.storage.domain.blob.BlobStore;
import fazt.storage.domain.blob.Chunk;
import fazt.storage.domain.blob.UploadId;
import fazt.storage.domain.blob.UploadProgress;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs whose bytes live in an S3 bucket (ADR 38). Uploads are staged in PostgreSQL as before (their chunks may reach
 * any instance), and the blob row stays there with every reference to it; when an upload closes, its bytes are
 * written to the bucket, verified against the digest, and removed from PostgreSQL. Reads follow the row's
 * {@code location}, so blobs still in PostgreSQL (written before the switch, or not yet migrated) are served too.
 */
final class S3BlobStore implements BlobStore {
    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    private final JdbcBlobStore rows;
    private final BlobMover mover;
    private final S3Objects objects;

    S3BlobStore(JdbcBlobStore rows, BlobMover mover, S3Objects objects) {
        this.rows = rows;
        this.mover = mover;
        this.objects = objects;
    }

    /**
     * Stages the chunk; the last one also moves the blob into the bucket before answering, so a writer told its blob
     * is stored can rely on the bucket holding it. A blob already stored in PostgreSQL is moved then too.
     */
    @Override
    public UploadProgress append(Chunk chunk) {
        UploadProgress progress = rows.append(chunk);
        if (progress.digest() != null && mover.toS3(progress.digest())) {
            log.debug("blob moved to s3 digest={} size={}", progress.digest(), progress.size());
        }
        return progress;
    }

    @Override
    public void discard(UploadId upload) {
        rows.discard(upload);
    }

    @Override
    public Set<Digest> retain(Collection<Digest> digests) {
        return rows.retain(digests);
    }

    /** A range of at most one chunk, fetched from the bucket with a ranged GET: no blob is ever held whole. */
    @Override
    public Optional<BlobSlice> read(Digest digest, long offset, int length) {
        return rows.locate(digest, offset, length).map(found -> {
            if (!found.inS3()) {
                return new BlobSlice(found.size(), found.bytes());
            }
            long end = Math.min(found.size(), offset + length);
            if (offset >= end) {
                return new BlobSlice(found.size(), new byte[0]);
            }
            return new BlobSlice(found.size(), objects.read(digest, offset, (int) (end - offset)));
        });
    }
}
