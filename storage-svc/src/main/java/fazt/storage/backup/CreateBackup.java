package fazt.storage.backup;

import fazt.proto.MessageCodec;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.MasterKeyReply;
import fazt.proto.backup.MasterKeyRequest;
import fazt.proto.backup.SchemaExportReply;
import fazt.proto.storage.BackupStartReply;
import fazt.proto.storage.BackupView;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one archive of the whole installation (ADR 39): every schema exported in one snapshot and spooled, the
 * archive written to the target with its manifest first, then read back from the target and every part's hash
 * checked; only then is the backup {@code done}, and the oldest beyond FAZT_BACKUP_KEEP are removed.
 */
@Singleton
final class CreateBackup {
    /** Where the sealed master key stands in an archive made with it. */
    static final String KEY_ENTRY = "master-key.enc";
    /** PBKDF2's 600,000 rounds take deploy-svc a moment. */
    static final java.time.Duration KEY_TIMEOUT = java.time.Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(CreateBackup.class);

    private final Backups backups;

    CreateBackup(Backups backups) {
        this.backups = backups;
    }

    /**
     * Records a new backup and starts it in the background; its progress is in {@link BackupRuns}. With a
     * {@code passphrase}, the archive also holds the master key sealed with it. Empty when a backup is under way
     * already: one at a time, as scheduled backups are.
     */
    Optional<BackupView> start(String passphrase) {
        String at = BackupNames.at(Instant.now());
        String name = at;
        for (int n = 2;
                !backups.runs.startIfIdle(name, backups.target.describe(), BackupSubjects.SERVICES.size());
                n++) {
            if (backups.runs.running().isPresent()) {
                return Optional.empty();
            }
            name = BackupNames.nth(at, n); // the name was taken within this second
        }
        String started = name;
        log.info("backup started name={} trigger=api key={}", started, passphrase == null ? "separate" : "included");
        backups.work.execute(() -> run(started, passphrase));
        return backups.runs.find(name);
    }

    /**
     * Starts the scheduled backup of {@code tick} in the background, named for the tick, unless a backup is running or
     * this tick's was started already (by the request of another scheduler instance): one backup per tick.
     */
    BackupStartReply startScheduled(Instant tick) {
        String name = BackupNames.at(tick);
        if (!backups.runs.startIfIdle(name, backups.target.describe(), BackupSubjects.SERVICES.size())) {
            Optional<String> running = backups.runs.running();
            if (running.isPresent() && !running.get().equals(name)) {
                log.warn("scheduled backup not started tick={}: backup {} is still running", tick, running.get());
                return new BackupStartReply(running.get(), false, BackupStartReply.RUNNING);
            }
            return new BackupStartReply(name, false, BackupStartReply.TICK_TAKEN);
        }
        log.info("backup started name={} trigger=schedule tick={}", name, tick);
        backups.work.execute(() -> run(name, null));
        return new BackupStartReply(name, true, null);
    }

    /** Runs the backup now, on this thread (with the master key when {@code passphrase} is set); its final record. */
    BackupView run(String name, String passphrase) {
        Path spool = null;
        try {
            spool = Backups.newSpool("backup");
            AtomicLong bytes = new AtomicLong();
            AtomicInteger parts = new AtomicInteger();
            List<SchemaExports.Exported> exported = backups.exports.export(
                    BackupSubjects.SERVICES,
                    spool,
                    true,
                    bytes::addAndGet,
                    () -> backups.runs.progress(name, bytes.get(), parts.incrementAndGet()));
            Map<String, Path> files = new LinkedHashMap<>();
            for (SchemaExports.Exported e : exported) {
                files.put(partName(e), e.part().file());
            }
            SpooledPart key = passphrase == null ? null : sealedKey(spool, passphrase);
            if (key != null) {
                files.put(KEY_ENTRY, key.file());
            }
            BackupManifest manifest = manifest(exported, key);
            backups.target.write(name, out -> BackupArchive.write(out, manifest, files));
            backups.runs.verifying(name);
            AtomicLong read = new AtomicLong();
            BackupManifest found;
            try (InputStream in = backups.target.open(name)) {
                found = BackupArchive.check(in, null, read::addAndGet);
            }
            if (!found.equals(manifest)) {
                throw new ArchiveRefused(ArchiveRefused.DAMAGED, "the archive read back has another manifest");
            }
            backups.runs.done(
                    name,
                    read.get(),
                    new String(MessageCodec.INSTANCE.mapper().writeValueAsBytes(manifest), StandardCharsets.UTF_8));
            log.info(
                    "backup done name={} bytes={} parts={}",
                    name,
                    read.get(),
                    manifest.parts().size());
            prune();
        } catch (Exception | LinkageError e) { // a missing class must fail the run too, not leave it running
            log.warn("backup failed name={} reason={}", name, e.getMessage());
            backups.runs.failed(name, e.getMessage());
        } finally {
            Backups.removeSpool(spool);
        }
        return backups.runs.find(name).orElseThrow();
    }

    /** The master key sealed with {@code passphrase} by deploy-svc, which holds it (ADR 33), spooled. */
    private SpooledPart sealedKey(Path spool, String passphrase) throws java.io.IOException {
        MasterKeyReply sealed = backups.requester.call(
                BackupSubjects.MASTER_KEY, new MasterKeyRequest(passphrase), MasterKeyReply.class, KEY_TIMEOUT);
        try (InputStream in = new java.io.ByteArrayInputStream(sealed.envelope())) {
            return SpooledPart.spool(in, spool.resolve("master-key.enc"), n -> {});
        }
    }

    private BackupManifest manifest(List<SchemaExports.Exported> exported, SpooledPart key) {
        List<BackupManifest.Part> parts = new ArrayList<>();
        boolean shared = true;
        for (SchemaExports.Exported e : exported) {
            SchemaExportReply reply = e.reply();
            shared &= SchemaExportReply.SHARED.equals(reply.snapshotMode());
            parts.add(new BackupManifest.Part(
                    partName(e),
                    BackupManifest.Part.SCHEMA,
                    e.service().id(),
                    reply.schemaVersion(),
                    reply.snapshotMode(),
                    e.part().size(),
                    e.part().sha256()));
        }
        if (key != null) {
            parts.add(new BackupManifest.Part(
                    KEY_ENTRY, BackupManifest.Part.KEY, null, null, null, key.size(), key.sha256()));
        }
        return new BackupManifest(
                BackupManifest.FORMAT,
                backups.faztVersion,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                shared ? BackupManifest.SNAPSHOT_SHARED : BackupManifest.SNAPSHOT_PER_SERVICE,
                key == null ? BackupManifest.KEY_KEPT_SEPARATELY : BackupManifest.KEY_INCLUDED,
                parts);
    }

    static String partName(SchemaExports.Exported e) {
        return "schemas/" + e.service().id() + ".part";
    }

    /** Removes the oldest finished backups beyond the number kept. */
    private void prune() {
        List<String> done = backups.runs.doneBackups();
        for (int i = 0; i < done.size() - backups.keep; i++) {
            String old = done.get(i);
            try {
                backups.target.delete(old);
                backups.runs.forget(old);
                log.info("backup removed name={} keep={}", old, backups.keep);
            } catch (Exception e) {
                log.warn("cannot remove old backup name={}: {}", old, e.getMessage());
            }
        }
    }
}
