package fazt.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.db.Sql;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.RelayBody;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * mail-svc killed with SIGKILL (a child JVM, {@link MailProcess}) after it accepted mail and before the relay took
 * it: nothing is lost and nothing is delivered twice once another mail-svc process starts. First with no relay set
 * (mail waits queued), then with a relay that does not answer (mail waits retrying).
 */
class OutboundCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final TestSuite suite = TestSuite.of()
            .with("FAZT_MAIL_DOMAIN", "crash.test")
            .with("FAZT_MAIL_RETRY_FIRST_MS", "200")
            .with("FAZT_MAIL_RETRY_MAX_MS", "1000")
            .with("FAZT_MAIL_SEND_PER_HOUR", "1000")
            .with("FAZT_MANAGEMENT_PORT", "0");

    @RegisterExtension
    static final SuiteConnection connection = new SuiteConnection(suite);

    @Test
    void aKilledInstanceLosesNothingAndSendsNothingTwice() throws Exception {
        Relays relays = new Relays(new Sql(dataSource()), suite.env().get("FAZT_MASTER_KEY"), Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        try (SmtpSink sink = SmtpSink.start()) {
            Process first = startMail("crash-1");
            try {
                for (int i = 0; i < 10; i++) {
                    ids.add(send("first" + i).id());
                }
                waitUntil(() -> count("status = 'queued' AND answer LIKE 'no relay configured%'") == 10);
            } finally {
                kill(first);
            }
            // the relay exists but does not listen: the next process keeps the mail retrying
            int port = SmtpSink.freePort();
            relays.set(new RelayBody("127.0.0.1", port, "none", null, null));
            Process second = startMail("crash-2");
            try {
                for (int i = 0; i < 10; i++) {
                    ids.add(send("second" + i).id());
                }
                waitUntil(() -> count("status = 'retrying'") == 20);
            } finally {
                kill(second);
            }
            relays.set(new RelayBody("127.0.0.1", sink.port(), "none", null, null));
            Process third = startMail("crash-3");
            try {
                waitUntil(() -> count("status = 'sent'") == 20);
            } finally {
                kill(third);
            }
            List<String> delivered = sink.received().stream()
                    .map(r -> Outbox.header(r.message(), "Message-ID"))
                    .toList();
            assertThat(delivered)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            ids.stream().map(id -> "<" + id + "@crash.test>").toList());
        }
    }

    private SendAnswer send(String subject) {
        return RemoteCall.await(connection
                .requester()
                .request(
                        MailSubjects.SEND,
                        new SendRequest("a_crash", "crash", OutboundFixture.simple(null, "c@example.org", subject)),
                        SendAnswer.class,
                        Duration.ofSeconds(30)));
    }

    /** Starts mail-svc in a child JVM with the suite's environment and waits until it says it is ready. */
    private static Process startMail(String instance) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("mail-" + instance, ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        javaBin, "-cp", System.getProperty("java.class.path"), MailProcess.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(suite.env());
        env.put("FAZT_INSTANCE", instance);
        Process process = builder.start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + TIMEOUT.toNanos();
        String line;
        while ((line = out.readLine()) != null) {
            Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.APPEND);
            if (line.contains(MailProcess.READY)) {
                Thread.ofVirtual().start(() -> drain(out));
                return process;
            }
            if (System.nanoTime() > end) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("mail-svc " + instance + " did not start; its output is in " + log);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the child's pipe from filling up
            }
        } catch (IOException ignored) {
            // the child was killed
        }
    }

    /** SIGKILL: no shutdown hook, no drain, no ack. */
    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(suite.postgres().url());
        ds.setUser(suite.postgres().adminUser());
        ds.setPassword(suite.postgres().adminPassword());
        ds.setCurrentSchema("mail");
        return ds;
    }

    private static int count(String where) {
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM mail.outbound WHERE " + where);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }
}
