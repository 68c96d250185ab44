package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.config.BlobS3Config;
import fazt.storage.config.BlobStoreUrl;
import fazt.storage.domain.Digest;
import java.io.PrintStream;
import java.util.List;

/**
 * Moves every blob's bytes to one store, the other store's blobs one at a time, each verified against its digest and
 * made final by flipping its row (ADR 38), while the services keep serving. Stopping it anywhere loses nothing: a
 * second run moves what the first did not. Progress goes to {@code progress} (stderr), one line every few seconds.
 */
public final class BlobMigration implements AutoCloseable {
    /** Digests per page of the walk. */
    static final int PAGE = 200;
    /** Walks over the blobs still to move; blobs written in the old store during a walk are moved by the next. */
    static final int MAX_PASSES = 3;

    private static final long REPORT_EVERY_NANOS = 2_000_000_000L;

    private final S3Objects objects;
    private final BlobMover mover;
    private final PrintStream progress;

    private BlobMigration(S3Objects objects, BlobMover mover, PrintStream progress) {
        this.objects = objects;
        this.mover = mover;
        this.progress = progress;
    }

    /** A migration between PostgreSQL ({@code sql}, the storage schema) and the bucket of {@code url}. */
    public static BlobMigration between(Sql sql, BlobStoreUrl url, BlobS3Config s3, PrintStream progress) {
        S3Objects objects = S3Objects.connect(url, s3);
        return new BlobMigration(objects, new BlobMover(sql, objects), progress);
    }

    /** Moves every blob into S3 ({@code true}) or PostgreSQL; returns how many it moved. */
    public long run(boolean toS3) {
        String from = toS3 ? BlobMover.IN_POSTGRES : BlobMover.IN_S3;
        String to = toS3 ? "s3" : "postgres";
        long[] total = mover.count(from);
        progress.printf("migrate-blobs: %d blobs (%s) to move to %s%n", total[0], megabytes(total[1]), to);
        long moved = 0;
        long bytes = 0;
        long started = System.nanoTime();
        long reported = started;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            Digest after = null;
            List<Digest> page;
            while (!(page = mover.page(from, after, PAGE)).isEmpty()) {
                for (Digest digest : page) {
                    if (toS3 ? mover.toS3(digest) : mover.toPostgres(digest)) {
                        moved++;
                    }
                }
                after = page.getLast();
                if (System.nanoTime() - reported > REPORT_EVERY_NANOS) {
                    reported = System.nanoTime();
                    long[] left = mover.count(from);
                    bytes = total[1] - left[1];
                    progress.printf(
                            "migrate-blobs: %d moved, %d left (%s), %d s%n",
                            moved, left[0], megabytes(left[1]), (reported - started) / 1_000_000_000L);
                }
            }
            if (mover.count(from)[0] == 0) {
                break;
            }
        }
        long[] left = mover.count(from);
        progress.printf(
                "migrate-blobs: done: %d moved in %d s, %d left in %s%s%n",
                moved,
                (System.nanoTime() - started) / 1_000_000_000L,
                left[0],
                toS3 ? "postgres" : "s3",
                left[0] == 0 ? "" : " (written meanwhile; run again)");
        return moved;
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    @Override
    public void close() {
        objects.close();
    }
}
