package fazt.storage.backup;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import fazt.platform.service.nats.NatsSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** What the backup use cases share: the target, the records, the exports, the build, and where work is spooled. */
@Singleton
final class Backups {
    final BackupTarget target;
    final BackupRuns runs;
    final SchemaExports exports;
    final NatsRequester requester;
    final io.nats.client.Connection nats;
    final String faztVersion;
    final int keep;
    /** The parts a restore hands to the services, as body streams they pull. */
    final BodyStreamHolder parts;
    /** Backups and restores run here, one virtual thread each. */
    final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    Backups(
            BackupConfig config,
            BackupRuns runs,
            DataSource dataSource,
            NatsSession session,
            BootstrapSettings settings,
            ServiceIdentity identity) {
        this.target = new DirectoryTarget(Path.of(config.target()));
        this.runs = runs;
        this.nats = session.connection();
        this.requester = new NatsRequester(nats, settings.root());
        this.exports = new SchemaExports(dataSource, nats, requester);
        this.faztVersion = identity.version();
        this.keep = config.keep();
        this.parts = new BodyStreamHolder(nats);
    }

    /** Whether version {@code a} is newer than {@code b}: numeric dot-separated parts, a suffix ignored. */
    static boolean newer(String a, String b) {
        String[] x = a.split("[-+]")[0].split("[._]");
        String[] y = b.split("[-+]")[0].split("[._]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? number(x[i]) : 0;
            long q = i < y.length ? number(y[i]) : 0;
            if (p != q) {
                return p > q;
            }
        }
        return false;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A fresh spool directory for one run; {@link #removeSpool} when done. */
    static Path newSpool(String prefix) throws IOException {
        return Files.createTempDirectory("fazt-" + prefix + "-");
    }

    static void removeSpool(Path spool) {
        if (spool == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a spool left behind is in the temporary directory; nothing depends on it
        }
    }

    @PreDestroy
    void stop() {
        work.shutdownNow();
        parts.close();
    }
}
