package fazt.mail.outbound;

import fazt.mail.MailService;
import fazt.mail.api.OutboundRoutes;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.admin.AdminHandler;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.DeployStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminRoute;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.mail.MailAdminApi;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.OutboundView;
import fazt.proto.mail.RelayBody;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import fazt.proto.mail.SendRequest;
import fazt.proto.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * mail-svc's sending from outside, over real NATS and PostgreSQL, with two mail-svc instances sharing one database
 * and work queue, deploy-svc played by its stand-in. Apps send on {@code svc.mail.send} as runtime-svc does; admins
 * call the outbound routes through an {@link AdminRouter} of {@link MailAdminApi} as the mail admin endpoint binds
 * them (the inbound routes answer 503 here: they are the inbound side's). V1's table {@code message} is created here
 * with the columns sending reads ({@code id, mailbox, raw, message_id_header}) until the inbound migration is merged.
 */
final class OutboundFixture implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String MAIL_DOMAIN = "mail.test";
    static final String SMTP_HOST = "mx.mail.test";
    static final int PER_HOUR = 5;
    static final Principal ADMIN = new Principal("u_admin", "admin", List.of(Principal.ADMIN));

    private final TestSuite suite = TestSuite.of(new MailService(), new MailService())
            .with("FAZT_MAIL_DOMAIN", MAIL_DOMAIN)
            .with("FAZT_SMTP_HOSTNAME", SMTP_HOST)
            .with("FAZT_MAIL_RETRY_FIRST_MS", "200")
            .with("FAZT_MAIL_RETRY_MAX_MS", "1000")
            .with("FAZT_MAIL_SEND_PER_HOUR", Integer.toString(PER_HOUR));
    private final SuiteConnection connection = new SuiteConnection(suite);
    private DeployStandIn deploy;
    private AdminRouter router;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
        deploy = DeployStandIn.start(connection.nats(), suite.nats().root());
        OutboundRoutes routes = suite.services().getFirst().context().getBean(OutboundRoutes.class);
        Map<String, AdminHandler> outbound = Map.of(
                "POST /mail/send", routes::send,
                "GET /mail/outbound", routes::list,
                "GET /mail/outbound/{id}", routes::show,
                "GET /apps/{name}/mail/outbound", routes::appList,
                "GET /mail/relay", routes::relay,
                "PUT /mail/relay", routes::setRelay,
                "GET /mail/domains/{domain}/dns", routes::dns);
        AdminRouter.Builder builder = AdminRouter.of(ServiceName.MAIL, MailAdminApi.ROUTES);
        for (AdminRoute route : MailAdminApi.ROUTES) {
            builder.on(route.key(), outbound.getOrDefault(route.key(), call -> {
                throw new ProblemException(Problem.of(503, "mail/inbound", "Not here", "inbound side"));
            }));
        }
        router = builder.verifiedBy(suite.services().getFirst().context().getBean(PrincipalVerifier.class))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (deploy != null) {
                deploy.close();
            }
        } finally {
            connection.afterAll(context);
        }
    }

    TestSuite suite() {
        return suite;
    }

    DeployStandIn deploy() {
        return deploy;
    }

    io.nats.client.Connection nats() {
        return connection.nats();
    }

    /** Makes an app live at deploy's stand-in. */
    void app(String appId, String name) {
        deploy.deploy(new TriggersReply.AppTriggers(
                appId, name, 1, List.of(), 3, 1_000, 4, 5_000, List.of(), null, null, null));
    }

    /** {@code env.MAIL.send} of an app, as runtime-svc sends it. */
    SendAnswer sendAsApp(String appId, String name, SendBody body) {
        return RemoteCall.await(connection
                .requester()
                .request(MailSubjects.SEND, new SendRequest(appId, name, body), SendAnswer.class, TIMEOUT));
    }

    /** One admin API call; a refusal is thrown as the {@link ProblemException} the gateway would turn into JSON. */
    AdminResponse admin(Principal who, String method, String path, Map<String, String> query, Object body) {
        Map<String, List<String>> q = new HashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        String json = body == null ? null : new String(MessageCodec.INSTANCE.encode(body), StandardCharsets.UTF_8);
        return router.handle(
                new AdminRequest(method, path, q, suite.sign(who), "application/json", json, null, "req-test"), null);
    }

    <T> T adminJson(Principal who, String method, String path, Map<String, String> query, Object body, Class<T> type) {
        AdminResponse answer = admin(who, method, path, query, body);
        return MessageCodec.INSTANCE.decode(answer.body().getBytes(StandardCharsets.UTF_8), type);
    }

    SendAnswer sendAsAdmin(SendBody body) {
        return adminJson(ADMIN, "POST", "/mail/send", Map.of(), body, SendAnswer.class);
    }

    void relay(String host, int port, String tls, String username, String password) {
        admin(ADMIN, "PUT", "/mail/relay", Map.of(), new RelayBody(host, port, tls, username, password));
    }

    OutboundView outbound(String id) {
        return adminJson(ADMIN, "GET", "/mail/outbound/" + id, Map.of(), null, OutboundView.class);
    }

    /** Waits until the outbound message satisfies {@code done}; fails after {@link #TIMEOUT}. */
    OutboundView waitFor(String id, Predicate<OutboundView> done) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            OutboundView view = outbound(id);
            if (done.test(view)) {
                return view;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("outbound " + id + " did not get there: " + view);
            }
            Thread.sleep(100);
        }
    }

    OutboundView waitForStatus(String id, String status) throws InterruptedException {
        return waitFor(id, v -> v.status().equals(status));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** The stored raw bytes of an outbound message. */
    byte[] raw(String id) throws Exception {
        return query("SELECT raw FROM mail.outbound WHERE id = ?", id, r -> r.getBytes(1));
    }

    /** The outcomes of a message's attempts, in order. */
    List<String> attemptOutcomes(String id) throws Exception {
        return query(
                "SELECT array_agg(outcome ORDER BY n) FROM mail.outbound_attempt WHERE outbound_id = ?",
                id,
                r -> r.getArray(1) == null
                        ? List.of()
                        : List.of((String[]) r.getArray(1).getArray()));
    }

    interface Row<T> {
        T map(ResultSet r) throws Exception;
    }

    <T> T query(String sql, String param, Row<T> row) throws Exception {
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setString(1, param);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no row for " + param);
                }
                return row.map(r);
            }
        }
    }

    /**
     * Stores a received message in {@code mailbox} under the public id {@code id} as the inbound side's tables hold
     * it (V1: the bytes in {@code message}, the mailbox entry in {@code inbox}), without the SMTP conversation.
     */
    void receivedMessage(String id, String mailbox, String raw, String messageIdHeader) throws Exception {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        try (Connection c = suite.postgres().connect();
                PreparedStatement m = c.prepareStatement("INSERT INTO mail.message (message_id, mail_from, headers,"
                        + " raw, raw_size, spf, dkim, dmarc, message_id_header)"
                        + " VALUES (?, 'sender@example.net', '[]'::jsonb, ?, ?, 'pass', 'none', 'none', ?)");
                PreparedStatement i = c.prepareStatement(
                        "INSERT INTO mail.inbox (entry_id, message_id, mailbox, recipient) VALUES (?, ?, ?, ?)")) {
            m.setString(1, "g_" + id);
            m.setBytes(2, bytes);
            m.setLong(3, bytes.length);
            m.setString(4, messageIdHeader);
            m.executeUpdate();
            i.setString(1, id);
            i.setString(2, "g_" + id);
            i.setString(3, mailbox);
            i.setString(4, "support@" + MAIL_DOMAIN);
            i.executeUpdate();
        }
    }

    static SendBody simple(String from, String to, String subject) {
        return new SendBody(
                from, List.of(to), null, null, null, subject, "Hello from fazt.", null, null, null, null, null);
    }
}
