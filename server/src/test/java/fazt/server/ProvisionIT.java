package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.nats.SecretFile;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.settings.SettingsException;
import fazt.platform.test.TestPostgres;
import fazt.proto.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fazt-server provision} gives each service's role its own generated password, kept where that service reads it. */
class ProvisionIT {
    static Map<String, String> env(TestPostgres postgres) {
        Map<String, String> env = new HashMap<>();
        env.put("FAZT_DB_URL", postgres.url());
        env.put("FAZT_DB_ADMIN_USER", postgres.adminUser());
        env.put("FAZT_DB_ADMIN_PASSWORD", postgres.adminPassword());
        return env;
    }

    @Test
    void eachServiceGetsItsOwnGeneratedPasswordInAnOwnerOnlyFileKeptAcrossRuns(@TempDir Path dir) throws Exception {
        TestPostgres postgres = TestPostgres.fresh();
        Map<String, String> env = env(postgres);
        env.put("FAZT_DB_PASSWORD_DIR", dir.toString());
        Provision.run(env, List.of());

        Map<ServiceName, String> first = new HashMap<>();
        for (ServiceName service : ServiceName.values()) {
            Path file = BootstrapSettings.dbPasswordFile(dir.toString(), service);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            first.put(service, SecretFile.read(file));
            assertThat(first.get(service)).hasSizeGreaterThanOrEqualTo(40);
        }
        Set<String> distinct = new HashSet<>(first.values());
        assertThat(distinct).as("one password per service").hasSize(ServiceName.values().length);

        Map<String, String> serviceEnv = new HashMap<>(Map.of("FAZT_DB_PASSWORD_DIR", dir.toString()));
        assertThat(BootstrapSettings.databaseLoginOf(serviceEnv, ServiceName.STORAGE)
                        .password())
                .as("a service reads its own")
                .isEqualTo(first.get(ServiceName.STORAGE));
        serviceEnv.put("FAZT_DB_PASSWORD", "one-password-for-all-of-them");
        assertThat(BootstrapSettings.databaseLoginOf(serviceEnv, ServiceName.STORAGE)
                        .password())
                .as("FAZT_DB_PASSWORD still wins, as in existing installs")
                .isEqualTo("one-password-for-all-of-them");

        Provision.run(env, List.of());
        for (ServiceName service : ServiceName.values()) {
            assertThat(SecretFile.read(BootstrapSettings.dbPasswordFile(dir.toString(), service)))
                    .as("provision again keeps " + service + "'s password")
                    .isEqualTo(first.get(service));
        }
    }

    @Test
    void aChangeMePlaceholderIsRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
        TestPostgres postgres = TestPostgres.fresh();
        Map<String, String> env = env(postgres);
        env.put("FAZT_DB_PASSWORD", "fazt-services-change-me");
        assertThatThrownBy(() -> Provision.run(env, List.of()))
                .isInstanceOfSatisfying(
                        SettingsException.class, e -> assertThat(e.variable()).isEqualTo("FAZT_DB_PASSWORD"))
                .hasMessageContaining("change-me placeholder")
                .hasMessageNotContaining("fazt-services-change-me");
        env.remove("FAZT_DB_PASSWORD");
        env.put("FAZT_DB_ADMIN_PASSWORD", "fazt-admin-change-me");
        assertThatThrownBy(() -> Provision.run(env, List.of()))
                .isInstanceOfSatisfying(
                        SettingsException.class, e -> assertThat(e.variable()).isEqualTo("FAZT_DB_ADMIN_PASSWORD"));
        Path adminFile = dir.resolve("admin-password");
        Files.writeString(adminFile, "fazt-admin-change-me\n");
        env.remove("FAZT_DB_ADMIN_PASSWORD");
        env.put("FAZT_DB_ADMIN_PASSWORD_FILE", adminFile.toString());
        assertThatThrownBy(() -> Provision.run(env, List.of()))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.variable())
                        .isEqualTo("FAZT_DB_ADMIN_PASSWORD_FILE"));
        assertThatThrownBy(() -> BootstrapSettings.from(
                        Map.of("FAZT_DB_PASSWORD", "x-change-me-x", "FAZT_MASTER_KEY", "k".repeat(40)),
                        ServiceName.DEPLOY))
                .as("a service refuses it too")
                .isInstanceOfSatisfying(
                        SettingsException.class, e -> assertThat(e.variable()).isEqualTo("FAZT_DB_PASSWORD"));
    }
}
