package fazt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.mail.config.SmtpLifecycle;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.platform.test.standins.StorageStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.TriggersReply;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * mail-svc from outside, over real NATS, PostgreSQL and SMTP: one instance with its SMTP listener on a free port,
 * mail domain {@value #MAIL_DOMAIN}; deploy-svc, the scheduler's email intake and storage are played by stand-ins on
 * their real subjects. Register it with {@code @RegisterExtension static final MailFixture mail = new MailFixture();}.
 */
final class MailFixture implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String MAIL_DOMAIN = "mail.test";
    static final String SMTP_HOST = "mx.mail.test";
    static final Principal ADMIN = new Principal("u_admin", "admin", List.of(Principal.ADMIN));

    private final TestSuite suite;
    private final SuiteConnection connection;
    private DeployStandIn deploy;
    private SchedulerStandIn scheduler;
    private StorageStandIn storage;

    MailFixture() {
        this(Map.of());
    }

    /** With extra environment for the service ({@code FAZT_MAIL_DNS}, limits). */
    MailFixture(Map<String, String> env) {
        suite = TestSuite.of(new MailService())
                .with("FAZT_SMTP_PORT", "0")
                .with("FAZT_MAIL_DOMAIN", MAIL_DOMAIN)
                .with("FAZT_SMTP_HOSTNAME", SMTP_HOST)
                .with("FAZT_SMTP_MAX_RECIPIENTS", "3")
                .with("FAZT_MAIL_MAX_MESSAGE_MB", "1")
                .with("FAZT_SMTP_MAX_CONNECTIONS_PER_CLIENT", "4")
                .with("FAZT_SMTP_MAX_ERRORS", "5")
                .with("FAZT_SMTP_MAX_COMMANDS", "20");
        env.forEach(suite::with);
        connection = new SuiteConnection(suite);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
        deploy = DeployStandIn.start(connection.nats(), suite.nats().root());
        scheduler = new SchedulerStandIn(connection.nats(), suite.nats().root());
        storage = StorageStandIn.start(connection.nats(), suite.nats().root());
        // The directory is loaded once deploy's stream exists (the stand-in declared it): RCPT stops answering 451.
        waitFor(this::ready, Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            for (AutoCloseable c : new AutoCloseable[] {storage, scheduler, deploy}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            connection.afterAll(context);
        }
    }

    private boolean ready() {
        try (SmtpConversation smtp = new SmtpConversation(smtpPort())) {
            return !smtp.start("probe@client.test", "postmaster@" + MAIL_DOMAIN).startsWith("451");
        } catch (IOException e) {
            return false;
        }
    }

    int smtpPort() {
        return suite.service(ServiceName.MAIL)
                .context()
                .getBean(SmtpLifecycle.class)
                .port();
    }

    TestSuite suite() {
        return suite;
    }

    io.nats.client.Connection nats() {
        return connection.nats();
    }

    NatsRequester requester() {
        return connection.requester();
    }

    DeployStandIn deploy() {
        return deploy;
    }

    SchedulerStandIn scheduler() {
        return scheduler;
    }

    /** Deploys an app claiming {@code addresses} in its manifest, and waits until mail-svc knows it. */
    void app(String appId, String name, List<String> addresses, boolean serverCode) throws InterruptedException {
        deploy.deploy(DeployStandIn.app(
                new TriggersReply.AppTriggers(
                        appId,
                        name,
                        1,
                        List.of(),
                        3,
                        1_000,
                        4,
                        5_000,
                        List.of(),
                        null,
                        null,
                        null,
                        addresses,
                        serverCode),
                serverCode));
        waitFor(
                () -> {
                    try {
                        return admin("GET", "/apps/" + name + "/mail", Map.of(), null)
                                        .status()
                                == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(10));
    }

    /** Maps {@code domain} to the app and waits until mail-svc lists its postmaster address. */
    void domain(String domain, String appId, String name) throws InterruptedException {
        deploy.domain(
                DomainChanged.Change.MAPPED,
                new MappedDomain(domain, appId, name, DomainState.PENDING, null),
                "token-" + domain);
        waitFor(
                () -> admin("GET", "/mail/addresses", Map.of(), null).body().contains("postmaster@" + domain),
                Duration.ofSeconds(10));
    }

    /** Sends a message with Angus Mail's SMTP client over STARTTLS (required; the self-signed certificate trusted). */
    void send(MimeMessage message, String... to) throws Exception {
        Transport transport = session().getTransport("smtp");
        try {
            transport.connect("127.0.0.1", smtpPort(), null, null);
            InternetAddress[] rcpts = new InternetAddress[to.length];
            for (int i = 0; i < to.length; i++) {
                rcpts[i] = new InternetAddress(to[i]);
            }
            message.saveChanges();
            transport.sendMessage(message, rcpts);
        } finally {
            transport.close();
        }
    }

    /** A plain text message. */
    MimeMessage text(String from, String subject, String body) throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@" + MAIL_DOMAIN));
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        return m;
    }

    Session session() {
        Properties p = new Properties();
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.trust", "*");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        p.setProperty("mail.smtp.localhost", "client.test");
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "20000");
        p.setProperty("mail.smtp.from", "sender@client.test");
        return Session.getInstance(p);
    }

    AdminResponse admin(String method, String path, Map<String, List<String>> query, String body) {
        return admin(ADMIN, method, path, query, body);
    }

    /** An admin API call as the gateway forwards it for {@code who}; a refusal is thrown as its problem. */
    AdminResponse admin(Principal who, String method, String path, Map<String, List<String>> query, String body) {
        assertThat(AdminApi.TABLE.ownerOf(path)).isEqualTo(ServiceName.MAIL);
        return RemoteCall.await(connection
                .requester()
                .request(
                        AdminSubjects.of(ServiceName.MAIL),
                        new AdminRequest(
                                method,
                                path,
                                query,
                                suite.sign(who),
                                body == null ? null : "application/json",
                                body,
                                null,
                                "req-it"),
                        AdminResponse.class,
                        TIMEOUT));
    }

    /** The app's mailbox listing. */
    JsonNode messages(String app) {
        return json(admin("GET", "/apps/" + app + "/mail/messages", Map.of(), null));
    }

    /** Waits until the app's mailbox holds {@code count} messages; returns the listing. */
    JsonNode waitForMessages(String app, int count) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        waitFor(
                () -> {
                    last[0] = messages(app);
                    return last[0].path("messages").size() == count;
                },
                Duration.ofSeconds(10));
        return last[0];
    }

    /** Waits until the app's mailbox holds a message with {@code subject}; returns the listing. */
    JsonNode waitForSubject(String app, String subject) throws InterruptedException {
        JsonNode[] last = new JsonNode[1];
        waitFor(
                () -> {
                    last[0] = messages(app);
                    return last[0].path("messages").findValuesAsText("subject").contains(subject);
                },
                Duration.ofSeconds(10));
        return last[0];
    }

    static JsonNode json(AdminResponse response) {
        try {
            return MessageCodec.INSTANCE.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout + " (at " + Instant.now() + ")");
            }
            Thread.sleep(100);
        }
    }
}
