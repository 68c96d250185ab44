package fazt.storage.backup;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.ChunkProducer;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.SchemaImportReply;
import fazt.proto.backup.SchemaImportRequest;
import fazt.proto.storage.BackupView;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores an archive into this installation (ADR 39). Before anything changes: the whole archive is read from the
 * target and every part checked against its manifest, an archive from a newer fazt or with a schema newer than this
 * installation's is refused, and every service's current rows are exported (the way back). Then each service
 * imports its part, replacing its rows in one transaction; if one fails, those already imported are given back
 * their previous rows, so the installation is as it was.
 */
@Singleton
final class RestoreBackup {
    private static final Logger log = LoggerFactory.getLogger(RestoreBackup.class);

    private final Backups backups;

    RestoreBackup(Backups backups) {
        this.backups = backups;
    }

    /** Records the restore of archive {@code archive} and starts it; null when it was restored here already. */
    BackupView start(String archive) {
        BackupNames.require(archive);
        String name = "restore-" + archive;
        if (!backups.runs.start(name, "restore", backups.target.describe(), BackupSubjects.SERVICES.size())) {
            // A failed restore changed nothing: it may be tried again. One under way or done may not.
            boolean failedBefore = backups.runs
                    .find(name)
                    .map(r -> BackupRuns.FAILED.equals(r.status()))
                    .orElse(false);
            if (!failedBefore) {
                return null;
            }
            backups.runs.forget(name);
            if (!backups.runs.start(name, "restore", backups.target.describe(), BackupSubjects.SERVICES.size())) {
                return null;
            }
        }
        backups.work.execute(() -> run(archive, name));
        return backups.runs.find(name).orElseThrow();
    }

    BackupView run(String archive, String name) {
        Path spool = null;
        try {
            spool = Backups.newSpool("restore");
            AtomicLong bytes = new AtomicLong();
            BackupManifest manifest;
            try (InputStream in = backups.target.open(archive)) {
                manifest = BackupArchive.check(in, spool, bytes::addAndGet);
            }
            if (Backups.newer(manifest.faztVersion(), backups.faztVersion)) {
                throw new ArchiveRefused(
                        ArchiveRefused.NEWER,
                        "the archive was written by fazt " + manifest.faztVersion() + ", newer than this "
                                + backups.faztVersion);
            }
            List<BackupManifest.Part> schemas = manifest.parts().stream()
                    .filter(p -> BackupManifest.Part.SCHEMA.equals(p.kind()))
                    .toList();
            List<ServiceName> services =
                    schemas.stream().map(p -> serviceOf(p.service())).toList();
            // The way back, and each schema's version here.
            Path before = Files.createDirectory(spool.resolve("before"));
            Map<ServiceName, SchemaExports.Exported> previous = new LinkedHashMap<>();
            for (SchemaExports.Exported e : backups.exports.export(services, before, false, n -> {}, () -> {})) {
                previous.put(e.service(), e);
            }
            List<String> holding = previous.values().stream()
                    .filter(e -> e.reply().userRows() > 0)
                    .map(e -> e.service().id() + " (" + e.reply().userRows() + " rows)")
                    .toList();
            if (!holding.isEmpty()) {
                throw new ArchiveRefused(
                        ArchiveRefused.NOT_EMPTY,
                        "this installation already holds data in " + String.join(", ", holding)
                                + "; restore into a new, empty installation");
            }
            for (BackupManifest.Part part : schemas) {
                String here = previous.get(serviceOf(part.service())).reply().schemaVersion();
                if (Backups.newer(part.schemaVersion(), here)) {
                    throw new ArchiveRefused(
                            ArchiveRefused.NEWER,
                            part.service() + "'s schema in the archive is at version " + part.schemaVersion()
                                    + ", newer than this installation's " + here);
                }
            }
            Map<String, Map<String, Long>> restored = new LinkedHashMap<>();
            List<ServiceName> changed = new ArrayList<>();
            AtomicInteger done = new AtomicInteger();
            try {
                for (BackupManifest.Part part : schemas) {
                    ServiceName service = serviceOf(part.service());
                    changed.add(service);
                    SchemaImportReply reply = load(service, part.schemaVersion(), BackupArchive.spoolFile(spool, part));
                    restored.put(service.id(), reply.rows());
                    backups.runs.progress(name, bytes.get(), done.incrementAndGet());
                }
            } catch (Exception e) {
                putBack(changed, previous);
                throw e;
            }
            backups.runs.done(
                    name,
                    bytes.get(),
                    new String(
                            MessageCodec.INSTANCE.mapper().writeValueAsBytes(Map.of("restored", restored)),
                            StandardCharsets.UTF_8));
            log.info("restore done archive={} services={}", archive, restored.keySet());
        } catch (Exception | LinkageError e) { // a missing class must fail the run too, not leave it running
            log.warn("restore failed archive={}: {}", archive, e.getMessage());
            backups.runs.failed(name, e.getMessage());
        } finally {
            Backups.removeSpool(spool);
        }
        return backups.runs.find(name).orElseThrow();
    }

    private static ServiceName serviceOf(String id) {
        return ServiceName.fromId(id == null ? "" : id)
                .filter(BackupSubjects.SERVICES::contains)
                .orElseThrow(
                        () -> new ArchiveRefused(ArchiveRefused.DAMAGED, "the manifest names no fazt service: " + id));
    }

    private SchemaImportReply load(ServiceName service, String version, Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        BodyStreamHolder.HeldStream stream = backups.parts.register(ChunkProducer.blocking(
                new ChunkProducer.BlockingSource() {
                    @Override
                    public byte[] next(int maxBytes) throws IOException {
                        byte[] chunk = in.readNBytes(maxBytes);
                        return chunk.length == 0 ? null : chunk;
                    }

                    @Override
                    public void close() {
                        try {
                            in.close();
                        } catch (IOException e) {
                            // read-only spool file
                        }
                    }
                },
                backups.work));
        try {
            return backups.requester.call(
                    BackupSubjects.importOf(service),
                    new SchemaImportRequest(ServiceName.STORAGE.id(), version, stream.subject(), true),
                    SchemaImportReply.class,
                    BackupSubjects.IMPORT_TIMEOUT);
        } finally {
            stream.cancel();
        }
    }

    /** Gives each changed service its rows from before the restore. */
    private void putBack(List<ServiceName> changed, Map<ServiceName, SchemaExports.Exported> previous) {
        for (ServiceName service : changed.reversed()) {
            SchemaExports.Exported was = previous.get(service);
            try {
                load(service, was.reply().schemaVersion(), was.part().file());
            } catch (Exception e) {
                log.error("restore cannot put {} back as it was: {}", service.id(), e.getMessage());
            }
        }
    }
}
