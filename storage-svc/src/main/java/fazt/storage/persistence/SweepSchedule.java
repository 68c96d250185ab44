package fazt.storage.persistence;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.storage.config.StorageConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link GarbageSweep} and the {@link ExpiredEntrySweep} every {@code storage.gc-interval} on one background
 * loop, which costs nothing while it sleeps. Every instance runs a schedule; the sweep's lock makes the others skip a
 * round already being swept.
 */
@Singleton
final class SweepSchedule implements BackgroundWork {
    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);

    private final GarbageSweep sweep;
    private final ExpiredEntrySweep expiredEntries;
    private final StorageConfig config;
    private final BlobBackend blobs;

    SweepSchedule(GarbageSweep sweep, ExpiredEntrySweep expiredEntries, StorageConfig config, BlobBackend blobs) {
        this.sweep = sweep;
        this.expiredEntries = expiredEntries;
        this.config = config;
        this.blobs = blobs;
    }

    @Override
    public BackgroundLoop start() {
        log.info("gc scheduled interval={} grace={}", config.gcInterval(), config.gcGrace());
        return BackgroundLoop.every("storage-gc", config.gcInterval(), this::runOnce);
    }

    private void runOnce() {
        long started = System.nanoTime();
        try {
            int expired = expiredEntries.sweep();
            if (expired > 0) {
                log.info("gc swept expired kv entries={}", expired);
            }
        } catch (RuntimeException e) {
            log.warn("kv expiry sweep failed error={}", e.getMessage());
        }
        // A failed sweep is logged by the loop; the next round retries, a database that stays down shows in /health.
        GarbageSweep.Result result = sweep.sweep(config.gcGrace());
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (result.blobs() > 0 || result.uploads() > 0) {
            log.info("gc swept blobs={} uploads={} ms={}", result.blobs(), result.uploads(), ms);
        } else {
            log.debug("gc swept nothing skipped={} ms={}", result.skipped(), ms);
        }
        // After the rows: a blob collected now leaves a record whose object goes one grace later (ADR 38).
        int objects = blobs.sweepStrayObjects(config.gcGrace());
        if (objects > 0) {
            log.info("gc deleted stray s3 objects={}", objects);
        }
    }
}
