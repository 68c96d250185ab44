package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fazt.auth.config.OperatorSecrets;
import fazt.auth.domain.FirstRun;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.SecretFile;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.doctor.SelfCheckRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Without FAZT_ADMIN_TOKEN, a token is generated once, only its hash is stored, and it reaches the operator in a 0600
 * file (and stderr), never in the log, like the first-admin setup link; {@code rotate-admin-token} replaces it and the
 * old one is refused at once.
 */
class BootstrapTokenGeneratedIT {
    static final Path SECRETS;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    static {
        try {
            SECRETS = Files.createTempDirectory("fazt-auth-secrets");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // Attached before the suite starts: the token and the link are handed over during the start.
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
    }

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService()).with("FAZT_AUTH_SECRETS_DIR", SECRETS.toString());

    @Test
    void theSelfCheckOfFaztDoctorMeasuresTheSecretsDirectoryAndTheDatabase() throws Exception {
        try (var nats = suite.nats().connect()) {
            SelfCheckReport report = new NatsRequester(nats, suite.nats().root())
                    .request(
                            DoctorSubjects.of(ServiceName.AUTH),
                            new SelfCheckRequest("it"),
                            SelfCheckReport.class,
                            DoctorSubjects.TIMEOUT)
                    .get();
            assertThat(report.service()).isEqualTo("auth");
            assertThat(report.database().reachable()).isTrue();
            assertThat(report.database().version()).matches("\\d+(\\.\\d+)?.*");
            assertThat(report.database().sizeBytes()).isPositive();
            assertThat(report.disks())
                    .anySatisfy(d -> {
                        assertThat(d.purpose()).isEqualTo("secrets directory");
                        assertThat(d.path()).isEqualTo(SECRETS.toString());
                        assertThat(d.usable()).isTrue();
                        assertThat(d.usableBytes()).isPositive();
                    })
                    .anySatisfy(d -> assertThat(d.purpose()).isEqualTo("temporary files"));
        }
    }

    @Test
    void onlyAHashOfTheGeneratedTokenIsStored() throws Exception {
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT length(token_hash) FROM auth.bootstrap_token");
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(32);
        }
    }

    @Test
    void theTokenAndTheSetupLinkReachTheOperatorInOwnerOnlyFilesNeverInTheLogAndTheTokenRotates() throws Exception {
        Path tokenFile = SECRETS.resolve(OperatorSecrets.ADMIN_TOKEN);
        Path linkFile = SECRETS.resolve(OperatorSecrets.SETUP_LINK);
        for (Path file : new Path[] {tokenFile, linkFile}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.getFileName() + " is readable only by its owner")
                    .isEqualTo("rw-------");
        }
        String token = SecretFile.read(tokenFile);
        String link = SecretFile.read(linkFile);
        assertThat(link).contains("/_fazt/setup/");
        String secret = link.substring(link.lastIndexOf('/') + 1);
        assertThat(LOGS.list)
                .as("the log says where they went")
                .anyMatch(e -> e.getFormattedMessage().contains("bootstrap admin token")
                        && e.getFormattedMessage().contains(tokenFile.toString()));
        for (ILoggingEvent event : LOGS.list) {
            assertThat(event.getFormattedMessage())
                    .as("no log line carries the token or the setup secret")
                    .doesNotContain(token)
                    .doesNotContain(secret);
        }
        FirstRun firstRun = suite.service(ServiceName.AUTH).context().getBean(FirstRun.class);
        assertThat(firstRun).isNotNull();

        try (AdminCalls api = new AdminCalls(suite)) {
            assertThat(api.verify(token).valid()).isTrue();
            Map<String, String> env = new HashMap<>(suite.env());
            env.put("FAZT_AUTH_SECRETS_DIR", SECRETS.toString());
            String rotated = RotateAdminToken.run(env);
            assertThat(rotated).isNotEqualTo(token).startsWith("fazt_");
            assertThat(SecretFile.read(tokenFile)).isEqualTo(rotated);
            assertThat(api.verify(token).valid())
                    .as("the old token is refused at once")
                    .isFalse();
            assertThat(api.verify(rotated).valid()).isTrue();
            assertThat(api.verify(rotated).principal().subject()).isEqualTo("bootstrap");
        }
    }
}
