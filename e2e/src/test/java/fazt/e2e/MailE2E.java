package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail from outside, against a split suite started by scripts/stack (a process per service, so mail-svc alone can be
 * killed): a message sent over SMTP to an app's private address is stored, runs the app's {@code email} handler,
 * which reads it and replies, and the reply reaches the relay (Debian postfix's {@code smtp-sink}); refusals carry
 * SMTP's own codes; the inbox API shows the message; and killing mail-svc with SIGKILL while messages wait for the
 * relay loses none of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailE2E {
    private static final int SMTP_PORT = port();

    @RegisterExtension
    static final RunningStack suite = RunningStack.split().env("FAZT_SMTP_PORT", Integer.toString(SMTP_PORT));

    private final Edge edge = suite.edge();

    private static int port() {
        try {
            return Stack.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T await(String what, Duration limit, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.call();
                if (value != null) {
                    return value;
                }
            } catch (Exception | AssertionError notYet) {
                last = notYet instanceof Exception e ? e : new Exception(notYet);
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " did not happen within " + limit.toSeconds() + " s", last);
    }

    private String appId(String app) throws Exception {
        return Edge.jsonOf(edge.json("GET", "/apps/" + app, null)).get("id").asText();
    }

    private void relayTo(SmtpSink sink) throws Exception {
        HttpResponse<byte[]> relay =
                edge.json("PUT", "/mail/relay", "{\"host\":\"127.0.0.1\",\"port\":" + sink.port + ",\"tls\":\"none\"}");
        assertThat(relay.statusCode()).as(Edge.text(relay)).isEqualTo(200);
        assertThat(Edge.text(relay)).doesNotContain("password\":\"");
    }

    @Test
    @Order(1)
    void mailToAnAppRunsItsHandlerWhichRepliesThroughTheRelay() throws Exception {
        assumeTrue(SmtpSink.installed(), "postfix's smtp-sink is not installed (apt-get install -y postfix)");
        edge.deployFiles("desk", "fazt.json", "{\"mail\": {\"addresses\": [\"support\"]}}", "api/main.js", """
                export default {
                  async fetch(request, env) { return Response.json((await env.KV.get("last")) ?? null); },
                  async email(message, env) {
                    await env.KV.put("last", {
                      from: message.from, to: message.to, size: message.rawSize,
                      subject: message.headers.get("subject"), text: (await message.text()).trim(),
                    });
                    await message.reply({ subject: "Re: " + message.headers.get("subject"), text: "We got it." });
                  }
                };
                """);
        String to = appId("desk") + "@localhost";
        try (SmtpSink sink = SmtpSink.start(0)) {
            relayTo(sink);
            String answer = SmtpDialogue.deliver(SMTP_PORT, "alice@example.net", to, """
                    From: Alice <alice@example.net>
                    To: <%s>
                    Subject: Order 42
                    Message-ID: <order-42@example.net>

                    Where is my order?
                    """.formatted(to));
            assertThat(answer).startsWith("250");

            JsonNode last = await("the app's email handler to run", Duration.ofSeconds(60), () -> {
                JsonNode seen = Edge.jsonOf(edge.get("desk.localhost", "/api/"));
                return seen.isNull() ? null : seen;
            });
            assertThat(last.get("from").asText()).isEqualTo("alice@example.net");
            assertThat(last.get("to").asText()).isEqualTo(to);
            assertThat(last.get("subject").asText()).isEqualTo("Order 42");
            assertThat(last.get("text").asText()).isEqualTo("Where is my order?");

            String reply = await("the reply to reach the relay", Duration.ofSeconds(60), () -> sink.messages().stream()
                    .filter(m -> m.contains("Re: Order 42"))
                    .findFirst()
                    .orElse(null));
            assertThat(reply).contains("In-Reply-To: <order-42@example.net>");
            assertThat(reply).containsIgnoringCase("Message-ID: <");

            await(
                    "the email run to be recorded as succeeded",
                    Duration.ofSeconds(30),
                    () -> "succeeded"
                                    .equals(Edge.jsonOf(edge.json("GET", "/apps/desk/runs?trigger=email", null))
                                            .get("runs")
                                            .get(0)
                                            .get("status")
                                            .asText())
                            ? true
                            : null);
            JsonNode inbox = Edge.jsonOf(edge.json("GET", "/apps/desk/mail/messages", null));
            assertThat(inbox.get("messages").get(0).get("subject").asText()).isEqualTo("Order 42");
            String id = inbox.get("messages").get(0).get("id").asText();
            HttpResponse<byte[]> raw = edge.json("GET", "/mail/messages/" + id + "/raw", null);
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(new String(raw.body(), StandardCharsets.UTF_8)).contains("Where is my order?");
        }
    }

    @Test
    @Order(2)
    void refusalsCarrySmtpsOwnCodesAndStoreNothing() throws Exception {
        String to = appId("desk") + "@localhost";
        long before = Edge.jsonOf(edge.json("GET", "/apps/desk/mail", null))
                .get("total")
                .asLong();

        assertThat(SmtpDialogue.deliver(SMTP_PORT, "a@example.net", "nobody@localhost", "Subject: x\n\nx"))
                .startsWith("550 5.1.1");
        assertThat(SmtpDialogue.deliver(SMTP_PORT, "a@example.net", "someone@elsewhere.example", "Subject: x\n\nx"))
                .startsWith("550 5.7.1");
        try (SmtpDialogue smtp = new SmtpDialogue(SMTP_PORT)) {
            smtp.reply();
            assertThat(smtp.send("EHLO e2e.example.net")).startsWith("250");
            assertThat(smtp.send("MAIL FROM:<a@example.net> SIZE=999999999999")).startsWith("552");
        }
        try (SmtpDialogue smtp = new SmtpDialogue(SMTP_PORT)) {
            smtp.reply();
            smtp.send("EHLO e2e.example.net");
            smtp.send("MAIL FROM:<a@example.net>");
            assertThat(smtp.send("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(smtp.send("DATA")).startsWith("354");
            // SMTP smuggling: a bare LF before ".": refused, nothing stored.
            assertThat(smtp.send("Subject: smuggled\r\n\r\nhello\n.\nMAIL FROM:<evil@example.net>\r\n."))
                    .startsWith("554");
        }
        assertThat(Edge.jsonOf(edge.json("GET", "/apps/desk/mail", null))
                        .get("total")
                        .asLong())
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void aScriptedSwaksSuiteAndTheProtocolsSequencingRules() throws Exception {
        String to = appId("desk") + "@localhost";
        List<String> failures = new ArrayList<>();
        if (SwaksCase.installed()) {
            java.nio.file.Path attachment = Files.createTempFile("fazt-swaks-", ".txt");
            Files.writeString(attachment, "an attachment\n".repeat(100));
            String from = "sender@example.net";
            for (SwaksCase c : List.of(
                    SwaksCase.of("plain delivery", 0, "250 ", "--from", from, "--to", to),
                    SwaksCase.of("pipelining", 0, "250 ", "--from", from, "--to", to, "--pipeline"),
                    SwaksCase.of("STARTTLS", 0, "250 ", "--from", from, "--to", to, "--tls"),
                    SwaksCase.of(
                            "STARTTLS and pipelining", 0, "250 ", "--from", from, "--to", to, "--tls", "--pipeline"),
                    SwaksCase.of("plain SMTP (HELO)", 0, "250 ", "--from", from, "--to", to, "--protocol", "SMTP"),
                    SwaksCase.of("null sender (a bounce)", 0, "250 ", "--from", "<>", "--to", to),
                    SwaksCase.of("postmaster always exists", 0, "250 ", "--from", from, "--to", "postmaster@localhost"),
                    SwaksCase.of("address case", 0, "250 ", "--from", from, "--to", to.toUpperCase()),
                    SwaksCase.of(
                            "UTF-8 header and body",
                            0,
                            "250 ",
                            "--from",
                            from,
                            "--to",
                            to,
                            "--header",
                            "Subject: Grüße",
                            "--body",
                            "Schöne Grüße aus Köln"),
                    SwaksCase.of(
                            "an attachment", 0, "250 ", "--from", from, "--to", to, "--attach", attachment.toString()),
                    SwaksCase.of(
                            "unknown local recipient", 24, "550 5.1.1", "--from", from, "--to", "nobody@localhost"),
                    SwaksCase.of("not an open relay", 24, "550 5.7.1", "--from", from, "--to", "x@elsewhere.example"),
                    SwaksCase.of("quit after RCPT", 0, "221", "--from", from, "--to", to, "--quit-after", "RCPT"),
                    SwaksCase.of(
                            "no AUTH offered to strangers",
                            28,
                            null,
                            "--from",
                            from,
                            "--to",
                            to,
                            "--auth",
                            "PLAIN",
                            "--auth-user",
                            "u",
                            "--auth-password",
                            "p"))) {
                String failed = c.run(SMTP_PORT);
                if (failed != null) {
                    failures.add(failed);
                }
            }
            Files.deleteIfExists(attachment);
        }
        String[][] steps = {
            {"EHLO", "EHLO e2e.example.net", "250"},
            {"RCPT before MAIL", "RCPT TO:<" + to + ">", "503"},
            {"DATA before RCPT", "DATA", "503"},
            {"NOOP", "NOOP", "250"},
            {"unknown command", "FROB", "500"},
            {"bad MAIL syntax", "MAIL FROM:not-an-address", "501"},
            {"MAIL", "MAIL FROM:<a@example.net>", "250"},
            {"RSET", "RSET", "250"},
            {"QUIT", "QUIT", "221"}
        };
        try (SmtpDialogue smtp = new SmtpDialogue(SMTP_PORT)) {
            smtp.reply();
            for (String[] step : steps) {
                try {
                    expect(failures, step[0], smtp.send(step[1]), step[2]);
                } catch (IOException closed) {
                    failures.add(step[0] + ": the server closed the connection");
                    break;
                }
            }
        }
        try (SmtpDialogue smtp = new SmtpDialogue(SMTP_PORT)) {
            smtp.reply();
            // A command line over RFC 5321's 512 octets: refused with 500, or the session closed.
            String answer;
            try {
                answer = smtp.send("NOOP " + "x".repeat(2_000));
            } catch (IOException closed) {
                answer = "500 (closed)";
            }
            expect(failures, "too long a line", answer, "50");
        }
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    private static void expect(List<String> failures, String what, String reply, String code) {
        if (!reply.startsWith(code)) {
            failures.add(what + ": expected " + code + ", got " + reply);
        }
    }

    @Test
    @Order(4)
    void killingMailSvcWhileMessagesWaitForTheRelayLosesNone() throws Exception {
        assumeTrue(SmtpSink.installed(), "postfix's smtp-sink is not installed (apt-get install -y postfix)");
        try (SmtpSink sink = SmtpSink.start(1)) {
            relayTo(sink);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HttpResponse<byte[]> queued = edge.json("POST", "/mail/send", """
                        {"from": "postmaster@localhost", "to": ["crash%d@example.net"], "subject": "crash %d",
                         "text": "message %d"}
                        """.formatted(i, i, i));
                assertThat(queued.statusCode()).as(Edge.text(queued)).isEqualTo(202);
                sent.add(Edge.jsonOf(queued).get("messageId").asText());
            }
            await(
                    "a first message at the relay",
                    Duration.ofSeconds(60),
                    () -> sink.messages().isEmpty() ? null : 1);
            long mail = Long.parseLong(
                    Files.readString(suite.stack().home.resolve("run/mail.pid")).trim());
            new ProcessBuilder("kill", "-9", Long.toString(mail)).start().waitFor();
            Stack.Result up = suite.stack().stack("up");
            assertThat(up.exitCode()).as(up.output()).isZero();

            await(
                    "every queued message at the relay",
                    Duration.ofSeconds(120),
                    () -> new HashSet<>(sink.messageIds()).containsAll(sent) ? true : null);
            List<String> ids = sink.messageIds();
            Set<String> distinct = new HashSet<>(ids);
            // At most the one message the relay had taken but not yet answered when mail-svc died comes twice.
            assertThat(ids.size() - distinct.size()).isLessThanOrEqualTo(1);
            JsonNode outbound = Edge.jsonOf(edge.json("GET", "/mail/outbound?status=sent", null));
            assertThat(outbound.get("messages").size()).isGreaterThanOrEqualTo(10);
        }
    }
}
