package fazt.platform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapSettingsTest {
    private static final String KEY = "k".repeat(32);

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("FAZT_MASTER_KEY", KEY);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsGiveAWorkingLocalSetup() {
        BootstrapSettings s = BootstrapSettings.from(env(), ServiceName.DEPLOY);
        assertThat(s.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(s.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/fazt");
        assertThat(s.dbUser()).isEqualTo("fazt_deploy");
        assertThat(s.root().value()).isEqualTo("fazt");
        assertThat(s.domain()).isEqualTo("localhost");
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.managementPortOf(ServiceName.GATEWAY)).isEqualTo(9100);
        assertThat(s.managementPortOf(ServiceName.MAIL)).isEqualTo(9106);
    }

    @Test
    void perServiceDatabaseLoginWinsOverTheSharedOne() {
        var e = env("FAZT_DB_USER", "shared", "FAZT_DEPLOY_DB_USER", "own", "FAZT_DB_PASSWORD", "p1");
        assertThat(BootstrapSettings.from(e, ServiceName.DEPLOY).dbUser()).isEqualTo("own");
        assertThat(BootstrapSettings.from(e, ServiceName.AUTH).dbUser()).isEqualTo("shared");
        assertThat(BootstrapSettings.from(e, ServiceName.AUTH).dbPassword()).isEqualTo("p1");
    }

    @Test
    void domainIsNormalized() {
        assertThat(BootstrapSettings.from(env("FAZT_DOMAIN", "Example.COM."), ServiceName.GATEWAY)
                        .domain())
                .isEqualTo("example.com");
    }

    @Test
    void masterKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "f".repeat(40) + "\n");
        Map<String, String> e = new HashMap<>(Map.of("FAZT_MASTER_KEY_FILE", file.toString()));
        assertThat(BootstrapSettings.from(e, ServiceName.AUTH).masterKey()).isEqualTo("f".repeat(40));
    }

    @Test
    void toStringNeverShowsSecrets() {
        String text = BootstrapSettings.from(env("FAZT_DB_PASSWORD", "hunter2"), ServiceName.AUTH)
                .toString();
        assertThat(text).doesNotContain("hunter2").doesNotContain(KEY);
    }

    record Bad(String variable, String value, String message) {}

    static Stream<Bad> badValues() {
        return Stream.of(
                new Bad(
                        "NATS_URL",
                        "http://x:4222",
                        "NATS_URL: expected nats://host:port (or tls://, ws://, wss://), got \"http://x:4222\""),
                new Bad(
                        "NATS_URL",
                        "nats://u:secret@:4222",
                        "NATS_URL: expected nats://host:port (or tls://, ws://, wss://), got \"nats://***@:4222\""),
                new Bad(
                        "FAZT_DB_URL",
                        "mysql://db/fazt",
                        "FAZT_DB_URL: expected jdbc:postgresql://host:port/database, got \"mysql://db/fazt\""),
                new Bad(
                        "FAZT_DB_URL",
                        "jdbc:postgresql://db:5432/",
                        "FAZT_DB_URL: names no database; expected jdbc:postgresql://host:port/database"),
                new Bad(
                        "FAZT_DB_USER",
                        "x; drop",
                        "FAZT_DB_USER: expected a PostgreSQL role name (letters, digits, _), got \"x; drop\""),
                new Bad(
                        "FAZT_SUBJECT_ROOT",
                        "a.b",
                        "FAZT_SUBJECT_ROOT: must be one lower-case token of letters, digits, '-' or '_' (at most 63), got \"a.b\""),
                new Bad(
                        "FAZT_DOMAIN",
                        "https://example.com",
                        "FAZT_DOMAIN: expected a domain name such as example.com (no scheme, port or path), got \"https://example.com\""),
                new Bad("FAZT_HTTP_PORT", "80x", "FAZT_HTTP_PORT: expected a port number from 0 to 65535, got \"80x\""),
                new Bad(
                        "FAZT_HTTP_PORT",
                        "70000",
                        "FAZT_HTTP_PORT: expected a port number from 0 to 65535, got \"70000\""),
                new Bad(
                        "FAZT_MANAGEMENT_PORT",
                        "65530",
                        "FAZT_MANAGEMENT_PORT: expected a port number from 0 to 65529, got \"65530\""),
                new Bad(
                        "FAZT_MASTER_KEY",
                        "short",
                        "FAZT_MASTER_KEY: is too short (5 characters); give at least 32 random characters"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueStopsWithOneLineNamingTheVariable(Bad bad) {
        assertThatThrownBy(() -> BootstrapSettings.from(env(bad.variable(), bad.value()), ServiceName.DEPLOY))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.variable()).isEqualTo(bad.variable());
                    assertThat(e.getMessage()).isEqualTo(bad.message()).doesNotContain("\n");
                });
    }

    @Test
    void onlyTheServicesThatDecryptReadTheMasterKey() {
        for (ServiceName service : ServiceName.values()) {
            boolean decrypts = BootstrapSettings.DECRYPTING.contains(service);
            if (decrypts) {
                assertThatThrownBy(() -> BootstrapSettings.from(Map.of(), service))
                        .as(service + " needs the key")
                        .isInstanceOf(SettingsException.class);
                continue;
            }
            BootstrapSettings settings = BootstrapSettings.from(
                    Map.of("FAZT_MASTER_KEY", "short", "FAZT_MASTER_KEY_FILE", "/nonexistent/master-key"), service);
            assertThatThrownBy(settings::masterKey)
                    .as(service + " never reads the key, even a bad one")
                    .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.variable())
                            .isEqualTo("FAZT_MASTER_KEY"));
        }
        assertThat(BootstrapSettings.DECRYPTING)
                .containsExactlyInAnyOrder(
                        ServiceName.DEPLOY,
                        ServiceName.AUTH,
                        ServiceName.SCHEDULER,
                        ServiceName.GATEWAY,
                        ServiceName.MAIL);
    }

    @Test
    void aMissingMasterKeySaysHowToMakeOne() {
        assertThatThrownBy(() -> BootstrapSettings.from(Map.of(), ServiceName.DEPLOY))
                .hasMessageStartingWith("FAZT_MASTER_KEY: is not set; give at least 32 random characters");
    }

    @Test
    void idleGcSecondsShouldDefaultToOneMinuteAndRejectWhatIsNotACountOfSeconds() {
        assertThat(PlatformSettings.IDLE_GC_SECONDS.read(Map.of(), null).value())
                .isEqualTo(60L);
        assertThat(PlatformSettings.IDLE_GC_SECONDS
                        .read(Map.of("FAZT_IDLE_GC_SECONDS", " 300 "), null)
                        .value())
                .isEqualTo(300L);
        for (String bad : new String[] {"-1", "5m", "86401"}) {
            assertThatThrownBy(() -> PlatformSettings.IDLE_GC_SECONDS.read(Map.of("FAZT_IDLE_GC_SECONDS", bad), null))
                    .isInstanceOf(SettingsException.class)
                    .hasMessage("FAZT_IDLE_GC_SECONDS: expected seconds from 0 to 86400, got \"" + bad + "\"");
        }
    }
}
