package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.test.TestNats;
import fazt.platform.test.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unit {@code install.sh --mode systemd --single} writes really starts a healthy suite, without systemd as PID 1:
 * its {@code ExecStart} command line runs with exactly the environment systemd would give it (its
 * {@code EnvironmentFile} and {@code Environment} lines, nothing of this JVM's) against the local PostgreSQL and NATS
 * with a fresh database and subject root, after {@code fazt-server provision} as install.sh runs it. Then
 * {@code fazt-server setup-link} shows the link auth-svc issued, and SIGTERM ends the JVM with 143, the status the
 * unit counts as a clean stop.
 */
class InstalledUnitE2E {
    /** The staged files name their final paths; here they live under the staging root. */
    private static final List<String> INSTALLED = List.of("/opt/fazt", "/etc/fazt", "/var/lib/fazt");

    @TempDir
    Path root;

    @Test
    void theUnitsCommandAndEnvironmentStartAHealthySuite() throws Exception {
        int httpPort = Stack.freePort();
        int managementPort = Stack.freePortRange(7);
        try (TestPostgres postgres = TestPostgres.fresh();
                TestNats nats = TestNats.fresh()) {
            Stack.Result staged = Installer.stage(
                    root,
                    "--mode",
                    "systemd",
                    "--single",
                    "--db-url",
                    postgres.url(),
                    "--nats-url",
                    nats.url(),
                    "--subject-root",
                    nats.root().value(),
                    "--http-port",
                    Integer.toString(httpPort),
                    "--management-port",
                    Integer.toString(managementPort));
            assertThat(staged.exitCode()).as(staged.output()).isZero();
            assertThat(Installer.envFile(root.resolve("etc/fazt/fazt.env")))
                    .containsEntry("XDG_CACHE_HOME", "/var/lib/fazt/cache");

            Map<String, List<String>> unit = SystemdUnits.directives(root.resolve("etc/systemd/system/fazt.service"));
            Map<String, String> env = new HashMap<>();
            for (var entry : Installer.envFile(
                            Path.of(staged(unit.get("EnvironmentFile").getFirst())))
                    .entrySet()) {
                env.put(entry.getKey(), staged(entry.getValue()));
            }
            for (String assignment : unit.get("Environment")) {
                env.put(
                        assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1));
            }
            // The roles fazt_<service> belong to the whole PostgreSQL cluster, which other test stacks share: keep
            // the password they log in with instead of the generated one provision would set cluster-wide.
            env.put("FAZT_DB_PASSWORD", "e2e-role-password");
            env.put("HOME", staged("/var/lib/fazt")); // systemd sets the home of User=fazt (install.sh's useradd)
            List<String> command = new ArrayList<>();
            for (String word : unit.get("ExecStart").getFirst().split(" ")) {
                command.add(staged(word));
            }

            Map<String, String> provisionEnv = new HashMap<>(env);
            provisionEnv.put("FAZT_DB_ADMIN_USER", postgres.adminUser());
            provisionEnv.put("FAZT_DB_ADMIN_PASSWORD", postgres.adminPassword());
            Stack.Result provision = systemdLike(List.of(command.getFirst(), "provision"), provisionEnv);
            assertThat(provision.exitCode()).as(provision.output()).isZero();

            Path log = root.resolve("fazt.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .directory(root.toFile());
            builder.environment().clear();
            builder.environment().putAll(systemdEnvironment(env));
            Process suite = builder.start();
            try {
                waitHealthy(suite, log, managementPort);
                assertThat(get("http://127.0.0.1:" + httpPort + "/_fazt/health").statusCode())
                        .isEqualTo(200);

                Map<String, String> authEnv = new HashMap<>(env);
                authEnv.put("FAZT_TARGETS", "auth");
                Path linkFile = root.resolve("var/lib/fazt/auth/setup-link");
                assertThat(Installer.mode(linkFile)).isEqualTo("rw-------");
                String link = Files.readString(linkFile).strip();
                Stack.Result shown = systemdLike(List.of(command.getFirst(), "setup-link"), authEnv);
                assertThat(shown.exitCode()).as(shown.output()).isZero();
                assertThat(shown.output()).contains(link).contains("█");

                // Not a link auth-svc stores (replaced, or used): refused, exit 4; no link written yet: exit 3.
                Path other = Files.createDirectories(root.resolve("other-auth"));
                authEnv.put("FAZT_AUTH_SECRETS_DIR", other.toString());
                Stack.Result none = systemdLike(List.of(command.getFirst(), "setup-link"), authEnv);
                assertThat(none.exitCode()).as(none.output()).isEqualTo(3);
                char last = link.charAt(link.length() - 1);
                Files.writeString(
                        other.resolve("setup-link"), link.substring(0, link.length() - 1) + (last == 'a' ? 'b' : 'a'));
                Stack.Result stale = systemdLike(List.of(command.getFirst(), "setup-link"), authEnv);
                assertThat(stale.exitCode()).as(stale.output()).isEqualTo(4);
                assertThat(stale.output()).contains("no longer works").doesNotContain("█");
            } finally {
                suite.destroy(); // SIGTERM, as systemctl stop sends
                if (!suite.waitFor(60, TimeUnit.SECONDS)) {
                    suite.destroyForcibly().waitFor();
                }
            }
            assertThat(suite.exitValue()).as("the unit's SuccessExitStatus=143").isEqualTo(143);
        }
    }

    /** A path the unit names, where the staging root holds it. */
    private String staged(String value) {
        for (String installed : INSTALLED) {
            if (value.equals(installed) || value.startsWith(installed + "/")) {
                return root + value;
            }
        }
        return value;
    }

    /** systemd starts a service with its own few variables and the unit's, none of the caller's. */
    private static Map<String, String> systemdEnvironment(Map<String, String> unitEnv) {
        Map<String, String> env = new HashMap<>(unitEnv);
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        return env;
    }

    private Stack.Result systemdLike(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        builder.environment().clear();
        builder.environment().putAll(systemdEnvironment(env));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 120 s");
        }
        return new Stack.Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Every service's /health on its management port answers 200 (seven ports, one JVM), within 180 s. */
    private static void waitHealthy(Process suite, Path log, int managementPort) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (int port = managementPort; port < managementPort + 7; port++) {
            while (true) {
                if (!suite.isAlive()) {
                    throw new AssertionError("the suite exited with " + suite.exitValue() + ":\n" + tail(log));
                }
                if (answers("http://127.0.0.1:" + port + "/health")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " not healthy within 180 s:\n" + tail(log));
                }
                Thread.sleep(500);
            }
        }
    }

    private static boolean answers(String url) {
        try {
            return get(url).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
