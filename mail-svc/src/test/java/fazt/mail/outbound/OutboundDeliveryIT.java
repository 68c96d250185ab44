package fazt.mail.outbound;

import static fazt.mail.outbound.OutboundFixture.ADMIN;
import static fazt.mail.outbound.OutboundFixture.MAIL_DOMAIN;
import static fazt.mail.outbound.OutboundFixture.simple;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.MessageCodec;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.OutboundChanged;
import fazt.proto.mail.OutboundView;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import io.nats.client.Dispatcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery through a real relay (Postfix's smtp-sink): sent, failed, retried, a flaky relay losing nothing. */
class OutboundDeliveryIT {
    @RegisterExtension
    static final OutboundFixture mail = new OutboundFixture();

    @Test
    void appMailIsStoredQueuedAndRelayedWithItsEnvelope() throws Exception {
        List<OutboundChanged> events = new CopyOnWriteArrayList<>();
        Dispatcher d = mail.nats()
                .createDispatcher(m -> events.add(MessageCodec.INSTANCE.decode(m.getData(), OutboundChanged.class)));
        d.subscribe(mail.suite().nats().root().qualify(MailSubjects.OUTBOUND_EVENTS));
        mail.app("a_deliver", "deliver");
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer answer = mail.sendAsApp(
                    "a_deliver",
                    "deliver",
                    new SendBody(
                            null,
                            List.of("Ann <ann@example.org>"),
                            List.of("cc@example.org"),
                            List.of("hidden@example.org"),
                            null,
                            "Your order",
                            "Thanks!",
                            null,
                            null,
                            null,
                            null,
                            null));
            assertThat(answer.status()).isEqualTo("queued");
            assertThat(answer.messageId()).isEqualTo(answer.id() + "@" + MAIL_DOMAIN);

            OutboundView sent = mail.waitForStatus(answer.id(), "sent");
            assertThat(sent.answer()).startsWith("250");
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.appId()).isEqualTo("a_deliver");
            assertThat(sent.from()).isEqualTo("a_deliver@" + MAIL_DOMAIN);
            assertThat(sent.recipients()).containsExactly("ann@example.org", "cc@example.org", "hidden@example.org");
            assertThat(sent.finishedAt()).isNotNull();

            List<SmtpSink.Received> received = sink.received();
            assertThat(received).hasSize(1);
            SmtpSink.Received got = received.getFirst();
            assertThat(got.mailFrom()).isEqualTo("<a_deliver@" + MAIL_DOMAIN + ">");
            assertThat(got.rcptTo()).containsExactly("<ann@example.org>", "<cc@example.org>", "<hidden@example.org>");
            assertThat(got.text())
                    .contains("Message-ID: <" + answer.messageId() + ">")
                    .contains("Subject: Your order")
                    .doesNotContain("hidden@example.org");
            assertThat(got.message()).isEqualTo(mail.raw(answer.id()));

            OutboundFixture.waitUntil(
                    () -> events.stream().anyMatch(e -> e.outboundId().equals(answer.id())));
            OutboundChanged event = events.stream()
                    .filter(e -> e.outboundId().equals(answer.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(event.status()).isEqualTo("sent");
            assertThat(event.appId()).isEqualTo("a_deliver");
        } finally {
            mail.nats().closeDispatcher(d);
        }
    }

    @Test
    void aHardRefusalFailsWithTheRelaysAnswer() throws Exception {
        try (SmtpSink sink = SmtpSink.start("-f", "RCPT")) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "nobody@example.org", "refused"));
            OutboundView failed = mail.waitForStatus(answer.id(), "failed");
            assertThat(failed.answer()).startsWith("500");
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(mail.attemptOutcomes(answer.id())).containsExactly("permanent");
            assertThat(sink.received()).isEmpty();
        }
        try (SmtpSink sink = SmtpSink.start("-f", ".")) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "someone@example.org", "data refused"));
            OutboundView failed = mail.waitForStatus(answer.id(), "failed");
            assertThat(failed.answer()).contains("500");
        }
    }

    @Test
    void aSoftRefusalIsRetriedUntilTheRelayTakesIt() throws Exception {
        SmtpSink deferring = SmtpSink.start("-r", ".");
        int port = deferring.port();
        SendAnswer answer;
        try {
            mail.relay("127.0.0.1", port, "none", null, null);
            answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "later@example.org", "deferred"));
            OutboundView retrying = mail.waitFor(answer.id(), v -> v.status().equals("retrying") && v.attempts() >= 2);
            assertThat(retrying.answer()).startsWith("450");
            assertThat(retrying.nextAttemptAt()).isNotNull();
        } finally {
            deferring.close();
        }
        // smtp-sink dumps what it refused too: the accepting relay writes elsewhere
        try (SmtpSink accepting = SmtpSink.start(port, java.nio.file.Files.createTempDirectory("smtp-sink"))) {
            OutboundView sent = mail.waitForStatus(answer.id(), "sent");
            assertThat(sent.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(sent.nextAttemptAt()).isNull();
            List<String> outcomes = mail.attemptOutcomes(answer.id());
            assertThat(outcomes.getLast()).isEqualTo("accepted");
            assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("temporary");
            assertThat(accepting.received()).singleElement().satisfies(r -> assertThat(r.text())
                    .contains(answer.messageId()));
        }
    }

    @Test
    void aRelayRefusingOneConnectionInFiveLosesNothingAndSendsNothingTwice() throws Exception {
        try (SmtpSink sink = SmtpSink.start();
                FlakyProxy proxy = new FlakyProxy(sink.port(), 5)) {
            mail.relay("127.0.0.1", proxy.port(), "none", null, null);
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "many" + i + "@example.org", "n" + i))
                        .id());
            }
            for (String id : ids) {
                mail.waitForStatus(id, "sent");
            }
            assertThat(proxy.dropped()).isGreaterThan(0);
            List<String> messageIds = sink.received().stream()
                    .map(r -> Outbox.header(r.message(), "Message-ID"))
                    .toList();
            assertThat(messageIds).doesNotHaveDuplicates().hasSize(20);
            assertThat(messageIds)
                    .containsExactlyInAnyOrderElementsOf(ids.stream()
                            .map(id -> "<" + id + "@" + MAIL_DOMAIN + ">")
                            .toList());
        }
    }

    @Test
    void anUnreachableRelayKeepsMailRetryingUntilOneAnswers() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            // a relay that does not listen stands for "not reachable"; "none configured" is the fresh install's state
            mail.relay("127.0.0.1", SmtpSink.freePort(), "none", null, null);
            SendAnswer answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "wait@example.org", "waits"));
            OutboundView waiting = mail.waitFor(answer.id(), v -> v.status().equals("retrying"));
            assertThat(waiting.answer()).contains("unreachable");
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            mail.waitForStatus(answer.id(), "sent");
            assertThat(sink.received()).hasSize(1);
        }
    }

    @Test
    void starttlsIsRequiredUnlessTheAdminSaysNone() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            // smtp-sink offers no STARTTLS: the default mode refuses to send in the clear
            mail.relay("127.0.0.1", sink.port(), null, null, null);
            SendAnswer answer = mail.sendAsAdmin(simple("ops@" + MAIL_DOMAIN, "tls@example.org", "tls"));
            OutboundView retrying = mail.waitFor(answer.id(), v -> v.status().equals("retrying"));
            assertThat(retrying.answer()).containsIgnoringCase("STARTTLS");
            assertThat(sink.received()).isEmpty();
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            mail.waitForStatus(answer.id(), "sent");
        }
    }

    @Test
    void listsAndShowsOutboundMailByAppAndStatus() throws Exception {
        mail.app("a_lister", "lister");
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            SendAnswer first = mail.sendAsApp("a_lister", "lister", simple(null, "x@example.org", "one"));
            SendAnswer second = mail.sendAsApp("a_lister", "lister", simple(null, "y@example.org", "two"));
            mail.waitForStatus(first.id(), "sent");
            mail.waitForStatus(second.id(), "sent");
            fazt.proto.mail.OutboundList page = mail.adminJson(
                    ADMIN,
                    "GET",
                    "/apps/lister/mail/outbound",
                    Map.of("limit", "1"),
                    null,
                    fazt.proto.mail.OutboundList.class);
            assertThat(page.messages()).extracting(OutboundView::id).containsExactly(second.id());
            fazt.proto.mail.OutboundList rest = mail.adminJson(
                    ADMIN,
                    "GET",
                    "/mail/outbound",
                    Map.of("app", "lister", "status", "sent", "cursor", page.nextCursor()),
                    null,
                    fazt.proto.mail.OutboundList.class);
            assertThat(rest.messages()).extracting(OutboundView::id).containsExactly(first.id());
            assertThat(rest.nextCursor()).isNull();

            fazt.proto.auth.Principal deployer = new fazt.proto.auth.Principal("t_1", "ci", List.of("deploy:lister"));
            assertThat(mail.adminJson(
                                    deployer, "GET", "/mail/outbound/" + first.id(), Map.of(), null, OutboundView.class)
                            .id())
                    .isEqualTo(first.id());
            fazt.proto.auth.Principal other = new fazt.proto.auth.Principal("t_2", "ci", List.of("deploy:other"));
            Throwable hidden = org.assertj.core.api.Assertions.catchThrowable(
                    () -> mail.admin(other, "GET", "/mail/outbound/" + first.id(), Map.of(), null));
            assertThat(((fazt.platform.nats.ProblemException) hidden).problem().status())
                    .isEqualTo(404);
        }
    }

    /**
     * 200 messages queued by an admin from eight threads and relayed into smtp-sink by the two instances: each arrives once. Prints the
     * end-to-end rate (queued to sent) for the report; nothing is asserted about time.
     */
    @Test
    void manyMessagesArriveOnceEach() throws Exception {
        int n = 200;
        try (SmtpSink sink = SmtpSink.start()) {
            mail.relay("127.0.0.1", sink.port(), "none", null, null);
            long start = System.nanoTime();
            List<String> ids = new CopyOnWriteArrayList<>();
            // eight senders at once, as several apps' handlers would
            try (var senders = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < n; i++) {
                    int k = i;
                    senders.submit(() -> ids.add(
                            mail.sendAsAdmin(simple("bulk@" + MAIL_DOMAIN, "bulk" + k + "@example.org", "bulk " + k))
                                    .id()));
                }
            }
            assertThat(ids).hasSize(n);
            long queued = System.nanoTime();
            for (String id : ids) {
                mail.waitForStatus(id, "sent");
            }
            long sent = System.nanoTime();
            System.out.printf(
                    "outbound throughput: %d messages queued in %d ms (%.0f/s), all relayed after %d ms (%.0f/s)%n",
                    n,
                    (queued - start) / 1_000_000,
                    n * 1e9 / (queued - start),
                    (sent - start) / 1_000_000,
                    n * 1e9 / (sent - start));
            assertThat(sink.received().stream().map(r -> Outbox.header(r.message(), "Message-ID")))
                    .doesNotHaveDuplicates()
                    .hasSize(n);
        }
    }
}
