package fazt.mail.outbound;

import static fazt.mail.outbound.OutboundFixture.ADMIN;
import static fazt.mail.outbound.OutboundFixture.MAIL_DOMAIN;
import static fazt.mail.outbound.OutboundFixture.simple;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.RemoteCall;
import fazt.proto.admin.AdminResponse;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.mail.DnsRecord;
import fazt.proto.mail.DnsRecords;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.OutboundView;
import fazt.proto.mail.RelayView;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import fazt.proto.problem.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Who may send what, the per-app limit, DKIM and DNS, the relay's secret and AUTH, replies, forwards and bounces. */
class OutboundPolicyIT {
    @RegisterExtension
    static final OutboundFixture mail = new OutboundFixture();

    private static Problem problem(Runnable call) {
        return RemoteCall.problemOf(call::run);
    }

    private static String messageId(jakarta.mail.internet.MimeMessage m) {
        try {
            String id = m.getMessageID();
            return id == null ? null : id.substring(1, id.length() - 1);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAppSendsOnlyFromItsOwnAddressesAndIsLimitedPerHour() throws Exception {
        mail.app("a_limited", "limited");
        mail.app("a_other", "other");
        mail.deploy()
                .domain(
                        DomainChanged.Change.VERIFIED,
                        new MappedDomain("shop.example", "a_limited", "limited", DomainState.VERIFIED, Instant.now()),
                        "token");
        Problem foreign = problem(
                () -> mail.sendAsApp("a_limited", "limited", simple("a_other@" + MAIL_DOMAIN, "x@example.org", "s")));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.type()).endsWith("mail/invalid-message");
        assertThat(foreign.errors()).extracting(Problem.FieldError::field).containsExactly("from");
        assertThat(problem(() -> mail.sendAsApp("a_other", "other", simple("sales@shop.example", "x@example.org", "s")))
                        .status())
                .isEqualTo(400);
        Problem injected = problem(() -> mail.sendAsApp(
                "a_limited",
                "limited",
                new SendBody(
                        null,
                        List.of("x@example.org"),
                        null,
                        null,
                        null,
                        "a\r\nBcc: v@example.org",
                        "t",
                        null,
                        null,
                        null,
                        null,
                        null)));
        assertThat(injected.errors()).extracting(Problem.FieldError::field).containsExactly("subject");

        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            List<String> ids = new java.util.ArrayList<>();
            ids.add(mail.sendAsApp("a_limited", "limited", simple("sales@shop.example", "x@example.org", "custom"))
                    .id());
            for (int i = 1; i < OutboundFixture.PER_HOUR; i++) {
                ids.add(mail.sendAsApp("a_limited", "limited", simple(null, "x" + i + "@example.org", "n" + i))
                        .id());
            }
            Problem limited =
                    problem(() -> mail.sendAsApp("a_limited", "limited", simple(null, "y@example.org", "over")));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.type()).endsWith("mail/rate-limited");
            assertThat(((Number) limited.extensions().get(MailSubjects.RETRY_AFTER)).longValue())
                    .isBetween(1L, 3601L);
            // another app has its own window; refused sends never counted
            ids.add(mail.sendAsApp("a_other", "other", simple(null, "z@example.org", "fine"))
                    .id());
            for (String id : ids) {
                mail.waitForStatus(id, "sent");
            }
            Integer counted = mail.<Integer>query(
                    "SELECT sum(sent)::int FROM mail.send_window WHERE app_id = ?", "a_limited", r -> r.getInt(1));
            assertThat(counted).isEqualTo(OutboundFixture.PER_HOUR);
        }
    }

    @Test
    void dnsRecordsGenerateTheDkimKeyThatSignsLaterMail() throws Exception {
        DnsRecords dns =
                mail.adminJson(ADMIN, "GET", "/mail/domains/" + MAIL_DOMAIN + "/dns", Map.of(), null, DnsRecords.class);
        assertThat(dns.selector()).matches("fazt\\d{6}");
        assertThat(dns.records())
                .extracting(DnsRecord::type, DnsRecord::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MX", MAIL_DOMAIN),
                        org.assertj.core.groups.Tuple.tuple("TXT", MAIL_DOMAIN),
                        org.assertj.core.groups.Tuple.tuple("TXT", dns.selector() + "._domainkey." + MAIL_DOMAIN),
                        org.assertj.core.groups.Tuple.tuple("TXT", "_dmarc." + MAIL_DOMAIN));
        assertThat(dns.records().get(0).value()).isEqualTo("10 " + OutboundFixture.SMTP_HOST + ".");
        assertThat(dns.records().get(1).value()).startsWith("v=spf1 a:" + OutboundFixture.SMTP_HOST);
        assertThat(dns.records().get(3).value()).startsWith("v=DMARC1; p=none; rua=mailto:postmaster@");
        String dkimTxt = dns.records().get(2).value();
        assertThat(dkimTxt).startsWith("v=DKIM1; k=rsa; p=");
        // the same key the second time
        assertThat(mail.adminJson(
                                ADMIN, "GET", "/mail/domains/" + MAIL_DOMAIN + "/dns", Map.of(), null, DnsRecords.class)
                        .records()
                        .get(2)
                        .value())
                .isEqualTo(dkimTxt);
        Problem unknown = ((ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                        () -> mail.admin(ADMIN, "GET", "/mail/domains/elsewhere.example/dns", Map.of(), null)))
                .problem();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.type()).endsWith("mail/unknown-domain");

        mail.app("a_signer", "signer");
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer answer = mail.sendAsApp(
                    "a_signer",
                    "signer",
                    new SendBody(
                            null,
                            List.of("v@example.org"),
                            null,
                            null,
                            null,
                            "Signed",
                            "line\nnext",
                            "<p>hi</p>",
                            null,
                            Map.of("X-Order", "42"),
                            null,
                            null));
            mail.waitForStatus(answer.id(), "sent");
            byte[] arrived = sink.received().getFirst().message();
            DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
                assertThat(selector.toString()).isEqualTo(dns.selector());
                assertThat(domain.toString()).isEqualTo(MAIL_DOMAIN);
                return List.of(dkimTxt);
            });
            List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(arrived));
            assertThat(valid).hasSize(1);
            assertThat(valid.getFirst().getDToken()).isEqualTo(MAIL_DOMAIN);
        }
    }

    @Test
    void theRelayPasswordIsSealedUsedForAuthAndNeverShownOrLogged() throws Exception {
        String secret = "pw-" + java.util.UUID.randomUUID();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        GreenMail relay = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay-user", secret));
        relay.start();
        try {
            int port = relay.getSmtp().getPort();
            AdminResponse set = mail.admin(
                    ADMIN,
                    "PUT",
                    "/mail/relay",
                    Map.of(),
                    new fazt.proto.mail.RelayBody("127.0.0.1", port, "none", "relay-user", "wrong-" + secret));
            assertThat(set.body()).doesNotContain(secret).contains("\"passwordSet\":true");
            SendAnswer answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "auth@example.org", "auth"));
            OutboundView refused = mail.waitFor(answer.id(), v -> v.status().equals("retrying"));
            assertThat(refused.answer()).contains("authentication");

            mail.relay("127.0.0.1", port, "none", "relay-user", secret);
            mail.waitForStatus(answer.id(), "sent");
            assertThat(java.util.Arrays.stream(relay.getReceivedMessages())
                            .filter(m -> answer.messageId().equals(messageId(m))))
                    .hasSize(1);

            // a change without a password keeps the stored one
            mail.relay("127.0.0.1", port, "none", "relay-user", null);
            RelayView view = mail.adminJson(ADMIN, "GET", "/mail/relay", Map.of(), null, RelayView.class);
            assertThat(view.passwordSet()).isTrue();
            assertThat(view.username()).isEqualTo("relay-user");
            SendAnswer again = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "auth2@example.org", "auth again"));
            mail.waitForStatus(again.id(), "sent");

            byte[] stored =
                    mail.query("SELECT password_ciphertext FROM mail.relay WHERE id = 1", null, r -> r.getBytes(1));
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            assertThat(mail.admin(ADMIN, "GET", "/mail/relay", Map.of(), null).body())
                    .doesNotContain(secret);
            assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(secret));
        } finally {
            root.detachAppender(logs);
            relay.stop();
        }
    }

    @Test
    void repliesForwardsAndBouncesGoOutAsTheirOwnKinds() throws Exception {
        mail.app("a_replier", "replier");
        String original = "From: Bob <bob@example.org>\r\nTo: a_replier@" + MAIL_DOMAIN + "\r\nSubject: Question\r\n"
                + "Message-ID: <q1@example.org>\r\nReferences: <q0@example.org>\r\n\r\nHow much?\r\n";
        mail.receivedMessage("m_q1", "app:a_replier", original, "<q1@example.org>");
        mail.receivedMessage("m_elsewhere", "app:a_other", original, "<q1@example.org>");
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer reply = mail.sendAsApp(
                    "a_replier",
                    "replier",
                    new SendBody(
                            null,
                            List.of("bob@example.org"),
                            null,
                            null,
                            null,
                            "Re: Question",
                            "Ten.",
                            null,
                            null,
                            null,
                            "m_q1",
                            null));
            SendAnswer forward = mail.sendAsApp(
                    "a_replier",
                    "replier",
                    new SendBody(
                            null,
                            List.of("boss@example.org"),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "m_q1"));
            Problem notMine = problem(() -> mail.sendAsApp(
                    "a_replier",
                    "replier",
                    new SendBody(
                            null,
                            List.of("boss@example.org"),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "m_elsewhere")));
            assertThat(notMine.status()).isEqualTo(404);

            Outbox outbox = mail.suite().services().getFirst().context().getBean(Outbox.class);
            SendAnswer bounce = outbox.bounce(
                    new StoredMessageRef("m_q1", "bob@example.org", "a_replier@" + MAIL_DOMAIN),
                    "No questions, please.");
            for (SendAnswer a : List.of(reply, forward, bounce)) {
                mail.waitForStatus(a.id(), "sent");
            }
            Map<String, SmtpSink.Received> byId = new java.util.HashMap<>();
            for (SmtpSink.Received r : sink.received()) {
                String resent = Outbox.header(r.message(), "Resent-Message-ID");
                byId.put(resent != null ? resent : Outbox.header(r.message(), "Message-ID"), r);
            }
            SmtpSink.Received gotReply = byId.get("<" + reply.messageId() + ">");
            assertThat(Outbox.header(gotReply.message(), "In-Reply-To")).isEqualTo("<q1@example.org>");
            assertThat(Outbox.header(gotReply.message(), "References")).isEqualTo("<q0@example.org> <q1@example.org>");
            SmtpSink.Received gotForward = byId.get("<" + forward.messageId() + ">");
            assertThat(gotForward.text()).endsWith(original).contains("Resent-From: a_replier@" + MAIL_DOMAIN);
            assertThat(gotForward.rcptTo()).containsExactly("<boss@example.org>");
            SmtpSink.Received gotBounce = byId.get("<" + bounce.messageId() + ">");
            assertThat(gotBounce.mailFrom()).isEqualTo("<>");
            assertThat(gotBounce.rcptTo()).containsExactly("<bob@example.org>");
            assertThat(gotBounce.text())
                    .contains("From: Mail Delivery System <MAILER-DAEMON@" + MAIL_DOMAIN + ">")
                    .contains("multipart/report; report-type=delivery-status")
                    .contains("Action: failed")
                    .contains("No questions, please.")
                    .contains("Message-ID: <q1@example.org>");
        }
    }

    @Test
    void implicitTlsChecksTheRelaysCertificate() throws Exception {
        GreenMail untrusted = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        untrusted.start();
        SendAnswer answer;
        try {
            mail.relay("127.0.0.1", untrusted.getSmtps().getPort(), "tls", null, null);
            answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "tls@example.org", "implicit tls"));
            OutboundView refused = mail.waitFor(answer.id(), v -> v.status().equals("retrying"));
            // GreenMail's self-signed certificate is not trusted: nothing goes out
            assertThat(refused.answer()).containsIgnoringCase("certif");
            assertThat(untrusted.getReceivedMessages()).isEmpty();
        } finally {
            untrusted.stop();
        }
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            mail.waitForStatus(answer.id(), "sent");
        }
    }
}
