package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provision}'s NATS part (ADR 31): a 0600 seed per service, kept when run again, replaced by --rotate-nats. */
class ProvisionNatsTest {
    @TempDir
    Path dir;

    @Test
    void writesASeedPerServiceAndTheConfigurationNamingTheirPublicKeys() throws Exception {
        Map<String, String> env = env();
        Provision.provisionNats(env, false);

        Path credentials = dir.resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rwx------");
        String config = Files.readString(dir.resolve("nats.conf"));
        for (ServiceName service : ServiceName.values()) {
            Path seed = credentials.resolve(service.id() + ".nk");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed)))
                    .isEqualTo("rw-------");
            assertThat(Files.readString(seed)).startsWith("SU");
            assertThat(config).doesNotContain(Files.readString(seed).strip());
        }
        assertThat(config)
                .contains("\"install1\": {")
                .contains("\"install1.svc.deploy.env.get\"")
                .containsPattern("nkey: \"U[A-Z2-7]{55}\"");
    }

    @Test
    void runningAgainKeepsTheSeedsAndRotatingReplacesThemAll() throws Exception {
        Map<String, String> env = env();
        Provision.provisionNats(env, false);
        Path seed = dir.resolve("credentials/runtime.nk");
        String first = Files.readString(seed);
        String firstConfig = Files.readString(dir.resolve("nats.conf"));

        Provision.provisionNats(env, false);
        assertThat(Files.readString(seed)).isEqualTo(first);
        assertThat(Files.readString(dir.resolve("nats.conf"))).isEqualTo(firstConfig);

        Provision.provisionNats(env, true);
        assertThat(Files.readString(seed)).isNotEqualTo(first);
        assertThat(Files.readString(dir.resolve("nats.conf"))).isNotEqualTo(firstConfig);
    }

    @Test
    void aConfigurationWithoutACredentialsDirectoryIsRefusedNamingIt() {
        Map<String, String> env = new HashMap<>(env());
        env.remove("FAZT_NATS_CREDENTIALS_DIR");
        assertThatThrownBy(() -> Provision.provisionNats(env, false))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("FAZT_NATS_CREDENTIALS_DIR");
    }

    private Map<String, String> env() {
        return Map.of(
                "FAZT_NATS_CREDENTIALS_DIR", dir.resolve("credentials").toString(),
                "FAZT_NATS_CONFIG_FILE", dir.resolve("nats.conf").toString(),
                "FAZT_SUBJECT_ROOT", "install1");
    }
}
