package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.AuthService;
import fazt.deploy.DeployService;
import fazt.gateway.GatewayService;
import fazt.mail.MailService;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.storage.BackupStartReply;
import fazt.proto.storage.BackupStartRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.scheduler.SchedulerService;
import fazt.storage.StorageService;
import io.nats.client.Connection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled backups (FAZT_BACKUP_CRON) with every service whose schema is backed up real, storage-svc coordinating,
 * and <em>two</em> scheduler instances asking at every tick of a once-a-minute cron: each tick starts exactly one
 * backup, named for the tick, which reaches {@code done} with its archive in the target. A repeated request for a
 * tick starts nothing; a request while a backup runs is answered {@code running} and starts nothing (and
 * {@code POST /api/backups} is a 409); with
 * FAZT_BACKUP_KEEP=1 a newer backup being done removes the older archive.
 */
class ScheduledBackupIT {
    static final String TOKEN = "it-scheduled-backup-token-0123456789";
    static final Path TARGET = tempDirectory();
    /** A scheduled backup's name: the tick's minute, second 00, no {@code -n} for a second backup of that second. */
    static final Pattern TICK_NAME = Pattern.compile("fazt-backup-[0-9]{8}-[0-9]{4}00\\.tar\\.gz");

    static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
                    new GatewayService(),
                    new AuthService(),
                    new DeployService(),
                    new StorageService(),
                    new SchedulerService(),
                    new SchedulerService(),
                    new MailService())
            .with("FAZT_ADMIN_TOKEN", TOKEN)
            .with("FAZT_BACKUP_TARGET", TARGET.toString())
            .with("FAZT_BACKUP_CRON", "* * * * *")
            .with("FAZT_BACKUP_KEEP", "1");

    static final AdminEdge edge = new AdminEdge(suite);

    @AfterAll
    static void removeArchives() throws Exception {
        try (var files = Files.walk(TARGET)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyTickStartsOneBackupAcrossTwoSchedulersAndItReachesDone() throws Exception {
        // The first tick comes within a minute of the start; its backup is done once read back and checked.
        JsonNode first =
                awaitRun(r -> TICK_NAME.matcher(r.path("name").asText()).matches()
                        && r.path("status").asText().equals("done"));
        String name = first.path("name").asText();
        assertThat(first.path("kind").asText()).isEqualTo("backup");
        assertThat(first.path("partsDone").asInt()).isEqualTo(6);
        assertThat(Files.exists(TARGET.resolve(name))).isTrue();

        // Two schedulers asked for that tick; one backup ran. Every run so far is one tick's, each tick once.
        List<String> names = runNames();
        assertThat(names).allMatch(n -> TICK_NAME.matcher(n).matches(), "named for a tick");
        assertThat(names).doesNotHaveDuplicates().contains(name);

        try (Connection nats = suite.nats().connect()) {
            NatsRequester requester = new NatsRequester(nats, suite.nats().root());
            // Asking again for a tick that has its backup starts nothing.
            Instant tick = NAME_TIME.parse(name.substring(12, 27), Instant::from);
            BackupStartReply again = start(requester, tick);
            assertThat(again).isEqualTo(new BackupStartReply(name, false, BackupStartReply.TICK_TAKEN));

            // While one backup runs, another tick's request is answered "running" and starts nothing.
            Instant a = Instant.parse("2030-01-01T00:00:00Z");
            Instant b = Instant.parse("2030-01-01T00:01:00Z");
            BackupStartReply started = start(requester, a);
            BackupStartReply refused = start(requester, b);
            assertThat(started).isEqualTo(new BackupStartReply("fazt-backup-20300101-000000.tar.gz", true, null));
            assertThat(refused)
                    .isEqualTo(new BackupStartReply(
                            "fazt-backup-20300101-000000.tar.gz", false, BackupStartReply.RUNNING));
            // ... and so is a backup asked for through the admin API.
            HttpResponse<String> api = edge.call("POST", "/api/backups", null, "Authorization", "Bearer " + TOKEN);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(409);
            assertThat(api.body()).contains("storage/backup-running").contains(started.name());
            awaitRun(r -> r.path("name").asText().equals(started.name())
                    && r.path("status").asText().equals("done"));
            assertThat(runNames()).doesNotContain("fazt-backup-20300101-000100.tar.gz");

            // FAZT_BACKUP_KEEP=1: the newer backup being done removes the scheduled one, its archive and its record.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((runNames().contains(name) || Files.exists(TARGET.resolve(name))) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(runNames()).doesNotContain(name);
            assertThat(TARGET.resolve(name)).doesNotExist();
            List<String> done = new ArrayList<>();
            list().path("runs").forEach(r -> {
                if (r.path("status").asText().equals("done")) {
                    done.add(r.path("name").asText());
                }
            });
            assertThat(done).hasSizeLessThanOrEqualTo(1);
        }
    }

    private static BackupStartReply start(NatsRequester requester, Instant tick) {
        return requester.call(
                StorageSubjects.BACKUP_START,
                new BackupStartRequest(BackupStartRequest.SCHEDULE, tick),
                BackupStartReply.class,
                StorageSubjects.BACKUP_START_TIMEOUT);
    }

    private static List<String> runNames() throws Exception {
        List<String> names = new ArrayList<>();
        list().path("runs").forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private static JsonNode list() throws Exception {
        HttpResponse<String> listed = edge.call("GET", "/api/backups", null, "Authorization", "Bearer " + TOKEN);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return MessageCodec.INSTANCE.mapper().readTree(listed.body());
    }

    /** Waits, up to three minutes (a minute to the first tick, then the backup), for a run {@code test} accepts. */
    private static JsonNode awaitRun(java.util.function.Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode runs = null;
        while (System.nanoTime() < deadline) {
            runs = list().path("runs");
            for (JsonNode run : runs) {
                if (test.test(run)) {
                    return run;
                }
                if (run.path("status").asText().equals("failed")) {
                    throw new AssertionError("backup failed: " + run);
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such backup run within three minutes: " + runs);
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("fazt-it-scheduled-backups-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
