package fazt.storage.persistence;

import fazt.storage.config.StorageConfig;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link GarbageSweep} and the {@link ExpiredEntrySweep} every {@code storage.gc-interval} on one virtual thread, which costs nothing while it
 * sleeps. Every instance runs a schedule; the sweep's lock makes the others skip a round already being swept.
 */
@Singleton
final class SweepSchedule implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(SweepSchedule.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final GarbageSweep sweep;
    private final ExpiredEntrySweep expiredEntries;
    private final StorageConfig config;
    private volatile Thread thread;

    SweepSchedule(GarbageSweep sweep, ExpiredEntrySweep expiredEntries, StorageConfig config) {
        this.sweep = sweep;
        this.expiredEntries = expiredEntries;
        this.config = config;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        thread = Thread.ofVirtual().name("storage-gc").start(this::loop);
        log.info("gc scheduled interval={} grace={}", config.gcInterval(), config.gcGrace());
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(config.gcInterval());
            } catch (InterruptedException e) {
                return;
            }
            runOnce();
        }
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
        try {
            GarbageSweep.Result result = sweep.sweep(config.gcGrace());
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (result.blobs() > 0 || result.uploads() > 0) {
                log.info("gc swept blobs={} uploads={} ms={}", result.blobs(), result.uploads(), ms);
            } else {
                log.debug("gc swept nothing skipped={} ms={}", result.skipped(), ms);
            }
        } catch (RuntimeException e) {
            // The next round retries; a database that stays down shows in /health, not here.
            log.warn("gc sweep failed error={}", e.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            if (!running.join(STOP_TIMEOUT)) {
                log.warn("gc still running at stop");
            }
        }
    }
}
