package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fazt.platform.test.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real {@code install.sh --mode systemd} on a machine where systemd is PID 1 and the test runs as root (skipped
 * elsewhere, saying why): the suite comes up under its units with fazt's own nats-server, install.sh prints the
 * setup link, and runtime-svc killed with SIGKILL is started again by systemd ({@code Restart=always}) and healthy.
 * It installs under paths of its own (/opt, /etc and /var/lib fazt-it-...), ports of its own and a fresh database,
 * refuses to run where fazt's units exist already, and removes everything it made afterwards.
 */
class SystemdInstallE2E {
    private static final Path UNITS = Path.of("/etc/systemd/system");

    @Test
    void aServiceKilledWithSigkillIsStartedAgainBySystemd() throws Exception {
        String init = Files.exists(Path.of("/proc/1/comm"))
                ? Files.readString(Path.of("/proc/1/comm")).strip()
                : "";
        assumeTrue(init.equals("systemd"), "systemd is not PID 1 here (" + init + "): no real systemd install");
        assumeTrue(
                Stack.run(List.of("id", "-u"), Map.of(), 10).output().strip().equals("0"),
                "installing units needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nats-server")), "needs Debian's nats-server");
        assumeTrue(SystemdUnits.unitsNamedFazt(UNITS).isEmpty(), "fazt is installed here: this test would replace it");

        String id = UUID.randomUUID().toString().substring(0, 8);
        Path prefix = Path.of("/opt/fazt-it-" + id), config = Path.of("/etc/fazt-it-" + id);
        Path data = Path.of("/var/lib/fazt-it-" + id);
        boolean userExisted = Stack.run(List.of("id", "fazt"), Map.of(), 10).exitCode() == 0;
        int httpPort = Stack.freePort();
        int managementPort = Stack.freePortRange(7);
        int natsPort = Stack.freePort();
        try (TestPostgres postgres = TestPostgres.fresh()) {
            Path adminPassword = Files.createTempFile("fazt-it-admin", ".pw");
            Files.writeString(adminPassword, postgres.adminPassword());
            Stack.Result install = Stack.run(
                    List.of(
                            Installer.SCRIPT.toString(),
                            "--mode",
                            "systemd",
                            "--yes",
                            "--prefix",
                            prefix.toString(),
                            "--config",
                            config.toString(),
                            "--data",
                            data.toString(),
                            "--db-url",
                            postgres.url(),
                            "--db-admin-user",
                            postgres.adminUser(),
                            "--db-admin-password-file",
                            adminPassword.toString(),
                            "--nats-port",
                            Integer.toString(natsPort),
                            "--subject-root",
                            "it" + id,
                            "--http-port",
                            Integer.toString(httpPort),
                            "--management-port",
                            Integer.toString(managementPort)),
                    Map.of(),
                    600);
            assertThat(install.exitCode()).as(install.output()).isZero();
            assertThat(install.output()).contains("healthy: 7 services").contains("fazt setup:");

            String unit = "fazt-runtime.service";
            long killed = mainPid(unit);
            assertThat(killed).isPositive();
            Stack.run(List.of("kill", "-9", Long.toString(killed)), Map.of(), 10);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                long now = mainPid(unit);
                if (now > 0 && now != killed && healthy(managementPort + 4)) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as("runtime-svc back under systemd within 120 s")
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
            String restarts = Stack.run(List.of("systemctl", "show", "-p", "NRestarts", "--value", unit), Map.of(), 10)
                    .output()
                    .strip();
            assertThat(Integer.parseInt(restarts)).isGreaterThanOrEqualTo(1);
        } finally {
            uninstall(prefix, config, data, userExisted);
        }
    }

    private static long mainPid(String unit) throws Exception {
        String pid = Stack.run(List.of("systemctl", "show", "-p", "MainPID", "--value", unit), Map.of(), 10)
                .output()
                .strip();
        return pid.matches("[0-9]+") ? Long.parseLong(pid) : 0;
    }

    private static boolean healthy(int port) {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** What docs/install.md says to do to uninstall, with this test's paths. */
    private static void uninstall(Path prefix, Path config, Path data, boolean userExisted) throws Exception {
        List<Path> units = SystemdUnits.unitsNamedFazt(UNITS);
        List<String> names = new ArrayList<>(List.of("systemctl", "disable", "--now"));
        units.forEach(u -> names.add(u.getFileName().toString()));
        if (!units.isEmpty()) {
            Stack.run(names, Map.of(), 120);
        }
        for (Path unit : units) {
            Files.deleteIfExists(unit);
        }
        Stack.run(List.of("systemctl", "daemon-reload"), Map.of(), 60);
        Stack.run(List.of("rm", "-rf", prefix.toString(), config.toString(), data.toString()), Map.of(), 60);
        Path cli = Path.of("/usr/local/bin/fazt");
        if (Files.isSymbolicLink(cli) && Files.readSymbolicLink(cli).startsWith(prefix)) {
            Files.delete(cli);
        }
        if (!userExisted) {
            Stack.run(List.of("userdel", "fazt"), Map.of(), 30);
        }
    }
}
