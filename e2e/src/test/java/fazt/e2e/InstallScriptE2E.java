package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install.sh} staged into a root ({@code --root}): shellcheck finds nothing in it, the systemd units it writes
 * pass {@code systemd-analyze verify}, a second run changes no file and no secret, a user's edits survive, the compose
 * project's {@code .env} holds strong generated secrets (0600) that {@code docker compose config} accepts, and bad
 * options are refused with one line before anything is written.
 */
class InstallScriptE2E {
    private static final List<String> SERVICES =
            List.of("gateway", "auth", "deploy", "storage", "runtime", "scheduler", "mail");

    @TempDir
    Path root;

    @Test
    void shellcheckFindsNothingInTheInstallerNorTheScripts() throws Exception {
        assertThat(Path.of("/usr/bin/shellcheck"))
                .as("shellcheck is needed for this test: apt install shellcheck (.ci/run does)")
                .exists();
        // The installer and what it sources, at shellcheck's default severity (style and up). shellcheck reports
        // nothing inside a sourced file, so those are checked on their own too, where install.sh's options are
        // variables it cannot see assigned (SC2154).
        assertClean(List.of("shellcheck", "-x", "install.sh"));
        assertClean(List.of(
                "shellcheck",
                "-x",
                "-e",
                "SC2154",
                "scripts/lib/install/files.sh",
                "scripts/lib/install/compose.sh",
                "scripts/lib/install/systemd.sh",
                "scripts/lib/install/setup_link.sh"));
        assertClean(List.of(
                "shellcheck", "-x", "-S", "warning", "scripts/build", "scripts/stack", "scripts/test", "bin/fazt"));
        // bin/fazt-server lists jars with ls | grep (SC2010, a warning): no errors there.
        assertClean(List.of("shellcheck", "-x", "-S", "error", "bin/fazt-server"));
    }

    @Test
    void systemdUnitsVerifyAndASecondRunChangesNoFileNorSecret() throws Exception {
        Stack.Result first = Installer.stage(root, "--mode", "systemd");
        assertThat(first.exitCode()).as(first.output()).isZero();
        Map<String, String> before = Installer.snapshot(root);
        String masterKey = Files.readString(root.resolve("var/lib/fazt/keys/master-key"));

        Stack.Result second = Installer.stage(root, "--mode", "systemd");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("nothing to change");
        assertThat(Installer.snapshot(root)).isEqualTo(before);

        // A unit edited in place (instead of with a drop-in) is put back, and counted as the one change.
        Path gateway = root.resolve("etc/systemd/system/fazt-gateway.service");
        Files.writeString(gateway, Files.readString(gateway).replace("RestartSec=1", "RestartSec=9"));
        Stack.Result third = Installer.stage(root, "--mode", "systemd");
        assertThat(third.output()).contains("wrote " + gateway).contains("done (1 change)");
        assertThat(Installer.snapshot(root)).isEqualTo(before);

        assertThat(masterKey).matches("[0-9a-f]{64}");
        assertThat(Installer.mode(root.resolve("var/lib/fazt/keys/master-key"))).isEqualTo("rw-------");
        assertThat(Installer.mode(root.resolve("etc/fazt/fazt.env"))).isEqualTo("rw-------");
        assertThat(Files.readString(root.resolve("etc/fazt/db-admin-password"))).matches("[0-9a-f]{64}");
        assertThat(root.resolve("opt/fazt/server/target/fazt-server/fazt-server.jar"))
                .hasSameBinaryContentAs(Stack.REPO.resolve("server/target/fazt-server/fazt-server.jar"));
        // The fazt user reaches what its units run (install.sh runs with umask 077): every directory on the way
        // open to all users, every file readable by all.
        for (String file : List.of(
                "opt/fazt/bin/fazt-server",
                "opt/fazt/scripts/lib/java.sh",
                "opt/fazt/server/target/fazt-server/fazt-server.jar")) {
            for (Path path = root.resolve(file); !path.equals(root); path = path.getParent()) {
                String mode = Installer.mode(path);
                boolean dir = Files.isDirectory(path);
                assertThat(mode.charAt(dir ? 8 : 6)).as(path + " " + mode).isEqualTo(dir ? 'x' : 'r');
            }
        }
        assertThat(Installer.envFile(root.resolve("etc/fazt/fazt.env")))
                .containsEntry("FAZT_MASTER_KEY_FILE", "/var/lib/fazt/keys/master-key")
                .containsEntry("FAZT_DB_PASSWORD_DIR", "/var/lib/fazt/db-passwords")
                .containsEntry("FAZT_NATS_CREDENTIALS_DIR", "/var/lib/fazt/nats-credentials")
                .containsEntry("NATS_URL", "nats://127.0.0.1:4223")
                .containsKey("JAVA_HOME");

        assertThat(SystemdUnits.units(root).stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(
                        "fazt-gateway.service",
                        "fazt-auth.service",
                        "fazt-deploy.service",
                        "fazt-storage.service",
                        "fazt-runtime.service",
                        "fazt-scheduler.service",
                        "fazt-mail.service",
                        "fazt-nats.service",
                        "fazt.target");
        for (String service : SERVICES) {
            Map<String, List<String>> unit =
                    SystemdUnits.directives(root.resolve("etc/systemd/system/fazt-" + service + ".service"));
            assertThat(unit.get("Restart")).containsExactly("always");
            assertThat(unit.get("RestartSec")).containsExactly("1");
            assertThat(unit.get("User")).containsExactly("fazt");
            assertThat(unit.get("NoNewPrivileges")).containsExactly("yes");
            assertThat(unit.get("ProtectSystem")).containsExactly("strict");
            assertThat(unit.get("PrivateTmp")).containsExactly("yes");
            assertThat(unit.get("Environment")).containsExactly("FAZT_TARGETS=" + service);
            assertThat(unit.get("ExecStart")).containsExactly("/opt/fazt/bin/fazt-server run");
            // Only its own database password and NATS seed; the master key only where secrets are decrypted.
            assertThat(unit.get("BindReadOnlyPaths"))
                    .containsExactly(
                            "-/var/lib/fazt/db-passwords/" + service,
                            "-/var/lib/fazt/nats-credentials/" + service + ".nk");
            boolean decrypts = !service.equals("storage") && !service.equals("runtime");
            assertThat(unit.getOrDefault("InaccessiblePaths", List.of()).contains("/var/lib/fazt/keys"))
                    .as(service + " cannot see the master key")
                    .isEqualTo(!decrypts);
        }
        assertThat(Files.readString(root.resolve("etc/systemd/system/fazt.target")))
                .contains("fazt-gateway.service")
                .contains("fazt-nats.service");
        SystemdUnits.assertVerifies(root);
    }

    @Test
    void singleModeIsOneFaztServiceAndSwitchingModesKeepsTheSecrets() throws Exception {
        Stack.Result single = Installer.stage(root, "--mode", "systemd", "--single", "--domain", "example.com");
        assertThat(single.exitCode()).as(single.output()).isZero();
        assertThat(SystemdUnits.units(root).stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("fazt.service", "fazt-nats.service");
        Map<String, List<String>> unit = SystemdUnits.directives(root.resolve("etc/systemd/system/fazt.service"));
        assertThat(unit.get("Environment")).containsExactly("FAZT_TARGETS=all");
        assertThat(unit.get("Restart")).containsExactly("always");
        assertThat(unit.get("AmbientCapabilities")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(Installer.envFile(root.resolve("etc/fazt/fazt.env")))
                .containsEntry("FAZT_DOMAIN", "example.com")
                .containsEntry("FAZT_HTTP_PORT", "80")
                .containsEntry("FAZT_HTTPS_PORT", "443");
        String masterKey = Files.readString(root.resolve("var/lib/fazt/keys/master-key"));
        SystemdUnits.assertVerifies(root);

        // The user's own settings survive a re-run; the split mode replaces the one unit by seven and a target.
        Path env = root.resolve("etc/fazt/fazt.env");
        Files.writeString(env, Files.readString(env) + "FAZT_FUNCTION_TIMEOUT_MS=5000\n");
        Stack.Result split = Installer.stage(root, "--mode", "systemd");
        assertThat(split.exitCode()).as(split.output()).isZero();
        assertThat(root.resolve("etc/systemd/system/fazt.service")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/fazt-runtime.service")).exists();
        assertThat(Files.readString(root.resolve("var/lib/fazt/keys/master-key")))
                .isEqualTo(masterKey);
        assertThat(Installer.envFile(env))
                .containsEntry("FAZT_FUNCTION_TIMEOUT_MS", "5000")
                .containsEntry("FAZT_DOMAIN", "example.com");
    }

    @Test
    void verifyCatchesABrokenUnit() throws Exception {
        // The check above can fail: a unit with a bad value and an unknown key is reported.
        Stack.Result staged = Installer.stage(root, "--mode", "systemd", "--single");
        assertThat(staged.exitCode()).as(staged.output()).isZero();
        Path unit = root.resolve("etc/systemd/system/fazt.service");
        Files.writeString(unit, Files.readString(unit).replace("Restart=always", "Restart=sometimes\nRestartSteps=5"));
        Stack.Result result = SystemdUnits.verify(root, unit);
        assertThat(result.output()).contains("sometimes").contains("RestartSteps");
    }

    @Test
    void composeEnvHasStrongSecretsMadeOnceAndKeepsEdits() throws Exception {
        Stack.Result first = Installer.stage(root, "--mode", "compose", "--domain", "example.com");
        assertThat(first.exitCode()).as(first.output()).isZero();
        Path env = root.resolve("opt/fazt/.env");
        assertThat(Installer.mode(env)).isEqualTo("rw-------");
        Map<String, String> values = Installer.envFile(env);
        assertThat(values)
                .containsEntry("COMPOSE_PROJECT_NAME", "fazt")
                .containsEntry("COMPOSE_FILE", "docker-compose.yml")
                .containsEntry("FAZT_DOMAIN", "example.com")
                .containsEntry("FAZT_HTTP_PORT", "80")
                .containsEntry("FAZT_SUBJECT_ROOT", "fazt");
        assertThat(values.get("FAZT_DB_ADMIN_PASSWORD")).matches("[0-9a-f]{64}");
        assertThat(Files.readString(root.resolve("opt/fazt/docker-compose.yml")))
                .contains("build: " + Stack.REPO)
                .doesNotContain("build: .\n");

        Map<String, String> before = Installer.snapshot(root);
        Stack.Result again = Installer.stage(root, "--mode", "compose", "--domain", "example.com");
        assertThat(again.output()).contains("nothing to change");
        assertThat(Installer.snapshot(root)).isEqualTo(before);

        // A secret the user set is never replaced; --single switches the compose file and nothing else.
        Files.writeString(
                env,
                Files.readString(env).replace(values.get("FAZT_DB_ADMIN_PASSWORD"), "my-own-strong-password-kept-as-is")
                        + "FAZT_ACME_EMAIL=ops@example.com\n");
        Stack.Result single = Installer.stage(root, "--mode", "compose", "--single");
        assertThat(single.exitCode()).as(single.output()).isZero();
        assertThat(Installer.envFile(env))
                .containsEntry("FAZT_DB_ADMIN_PASSWORD", "my-own-strong-password-kept-as-is")
                .containsEntry("COMPOSE_FILE", "docker-compose.single.yml")
                .containsEntry("FAZT_DOMAIN", "example.com")
                .containsEntry("FAZT_ACME_EMAIL", "ops@example.com");
    }

    @Test
    void dockerComposeConfigAcceptsTheWrittenProject() throws Exception {
        Stack.Result compose = Stack.run(List.of("docker", "compose", "version"), Map.of(), 30);
        Assumptions.assumeTrue(
                compose.exitCode() == 0,
                "docker compose is not available here (" + compose.output().strip() + "): its check is skipped");
        for (List<String> args : List.of(List.of("--mode", "compose"), List.of("--mode", "compose", "--single"))) {
            Stack.Result staged = Installer.stage(root, args.toArray(String[]::new));
            assertThat(staged.exitCode()).as(staged.output()).isZero();
            Stack.Result config = Stack.run(
                    List.of("bash", "-c", "cd '" + root.resolve("opt/fazt") + "' && docker compose config --quiet"),
                    Map.of(),
                    60);
            assertThat(config.exitCode()).as(config.output()).isZero();
        }
    }

    @Test
    void badOptionsAreRefusedInOneLineBeforeAnythingIsWritten() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of("--mode", "podman"), "--mode: expected compose or systemd, got \"podman\"",
                List.of("--mode", "systemd", "--domain", "Bad Domain"), "--domain: expected a lower-case DNS name",
                List.of("--mode", "compose", "--http-port", "70000"), "--http-port: expected a port from 1 to 65535",
                List.of("--mode", "systemd", "--prefix", "opt/fazt"), "expected an absolute path",
                List.of("--mode", "systemd", "--frobnicate"), "unknown option \"--frobnicate\"",
                List.of(), "--mode: expected compose or systemd");
        for (var entry : cases.entrySet()) {
            Stack.Result result = Installer.stage(root, entry.getKey().toArray(String[]::new));
            assertThat(result.exitCode())
                    .as(entry.getKey() + ": " + result.output())
                    .isEqualTo(1);
            assertThat(result.output().strip())
                    .as(entry.getKey().toString())
                    .startsWith("fazt install: ")
                    .contains(entry.getValue())
                    .doesNotContain("\n");
        }
        try (var left = Files.list(root)) {
            assertThat(left).as("nothing written").isEmpty();
        }
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndWritesNothing() throws Exception {
        Stack.Result result = Installer.stage(root, "--mode", "systemd", "--dry-run");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("would write " + root + "/etc/fazt/fazt.env")
                .contains("dry run, nothing changed");
        try (var left = Files.list(root)) {
            assertThat(left).as("nothing written").isEmpty();
        }
    }

    private static void assertClean(List<String> command) throws Exception {
        Stack.Result result = Stack.run(command, Map.of(), 120);
        assertThat(result.output()).as(String.join(" ", command)).isEmpty();
        assertThat(result.exitCode()).isZero();
    }
}
