package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fazt-server settings}: every setting of the chosen services with its value and source, secrets masked. */
class SettingsReportTest {
    private static final String KEY = "k".repeat(40);

    private record Report(int status, List<String> lines) {
        String line(String name) {
            return lines.stream()
                    .filter(l -> l.startsWith(name + " "))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError(name + " is not in the report:\n" + String.join("\n", lines)));
        }
    }

    private static Report report(Map<String, String> env, boolean markdown) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = SettingsReport.print(
                env, FaztServer.definitions(), new PrintStream(bytes, true, StandardCharsets.UTF_8), markdown);
        return new Report(status, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void showsEachValueWithItsSourceAndMasksSecrets() {
        Report r = report(
                Map.of(
                        "FAZT_MASTER_KEY",
                        KEY,
                        "FAZT_DB_PASSWORD",
                        "hunter2",
                        "FAZT_DOMAIN",
                        "example.com",
                        "NATS_URL",
                        "nats://me:pw@nats:4222"),
                false);
        assertThat(r.status()).isZero();
        assertThat(r.line("FAZT_DOMAIN")).matches("FAZT_DOMAIN +example\\.com +env");
        assertThat(r.line("FAZT_HTTP_PORT")).matches("FAZT_HTTP_PORT +8080 +default");
        assertThat(r.line("FAZT_MASTER_KEY")).matches("FAZT_MASTER_KEY +\\*{8} +env");
        assertThat(r.line("FAZT_DB_PASSWORD")).matches("FAZT_DB_PASSWORD +\\*{8} +env");
        assertThat(r.line("NATS_URL")).contains("nats://***@nats:4222");
        assertThat(String.join("\n", r.lines()))
                .doesNotContain(KEY)
                .doesNotContain("hunter2")
                .doesNotContain(":pw@");
    }

    @Test
    void showsOnlyTheSettingsOfTheChosenServicesAndTheLaunchers() {
        Report r = report(Map.of("FAZT_MASTER_KEY", KEY, "FAZT_TARGETS", "scheduler"), false);
        assertThat(r.line("FAZT_RUN_RETENTION_DAYS")).matches("FAZT_RUN_RETENTION_DAYS +30 +default");
        assertThat(r.line("FAZT_HEAP")).contains("default");
        assertThat(r.lines())
                .noneMatch(l -> l.startsWith("FAZT_RUNTIME_MAX_CONTEXTS") || l.startsWith("FAZT_GATEWAY_"));
    }

    @Test
    void aFormerNameShowsWhereTheValueCameFromAndWarns() {
        Report r = report(
                Map.of("FAZT_MASTER_KEY", KEY, "RUNTIME_WALL_TIME_MS", "5000", "FAZT_TARGETS", "runtime"), false);
        assertThat(r.status()).isZero();
        assertThat(r.line("FAZT_FUNCTION_TIMEOUT_MS"))
                .matches("FAZT_FUNCTION_TIMEOUT_MS +5000 +env RUNTIME_WALL_TIME_MS");
        assertThat(r.lines())
                .contains("warning: RUNTIME_WALL_TIME_MS is deprecated; rename it FAZT_FUNCTION_TIMEOUT_MS");
    }

    @Test
    void aPerServiceOverrideGetsALineOfItsOwn() {
        Report r = report(Map.of("FAZT_MASTER_KEY", KEY, "FAZT_AUTH_DB_USER", "auth_login"), false);
        assertThat(r.line("FAZT_DB_USER")).contains("(fazt_<service>)").contains("default");
        assertThat(r.line("FAZT_AUTH_DB_USER")).matches("FAZT_AUTH_DB_USER +auth_login +env FAZT_AUTH_DB_USER");
    }

    @Test
    void everyWrongValueIsShownAndTheStatusSaysSo() {
        Report r = report(Map.of("FAZT_MASTER_KEY", "short", "FAZT_HTTP_PORT", "80x", "FAZT_ADMIN_USER", "ops"), false);
        assertThat(r.status()).isEqualTo(FaztServer.EXIT_SETTINGS);
        assertThat(r.line("FAZT_HTTP_PORT")).endsWith("invalid: expected a port number from 0 to 65535, got \"80x\"");
        assertThat(r.line("FAZT_MASTER_KEY"))
                .endsWith("invalid: is too short (5 characters); give at least 32 random characters");
        assertThat(r.line("FAZT_ADMIN_USER")).endsWith("invalid: is set but FAZT_ADMIN_PASSWORD is not; set both");
    }

    @Test
    void markdownIsTheReadmeTable() {
        Report r = report(Map.of(), true);
        assertThat(r.status()).isZero();
        assertThat(String.join("\n", r.lines()) + "\n")
                .isEqualTo(ServerSettings.catalogue(FaztServer.definitions()).markdownTable());
    }
}
