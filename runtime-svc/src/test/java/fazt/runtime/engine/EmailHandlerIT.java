package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.MailStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MailHeader;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.mail.SendRequest;
import fazt.proto.storage.KvPutRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app's {@code email(message, env, ctx)} handler run for trigger {@code email} (the body the scheduler sends), with
 * mail-svc played by the {@link MailStandIn}: what the message shows, its raw bytes and attachments pulled by chunks,
 * and the requests setReject, forward and reply send. A handler reports what it saw by putting JSON in
 * {@code env.KV} under {@code seen}, read back from the storage stand-in's requests.
 */
class EmailHandlerIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    static MailStandIn mail;

    @BeforeAll
    static void startMail() {
        mail = MailStandIn.start(runtime.connection(), suite.nats().root());
    }

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    private static MailStandIn.Incoming message(String appId, List<MailStandIn.Attachment> attachments) {
        return new MailStandIn.Incoming(
                "bounce-123@sender.example.org",
                appId + "@mail.example.test",
                "Ada <ada@sender.example.org>",
                "Quarterly report",
                List.of(
                        new MailHeader("Reply-To", "Replies <replies@sender.example.org>"),
                        new MailHeader("X-Priority", "1")),
                "Hello in text",
                "<p>Hello in html</p>",
                attachments);
    }

    /** Invokes the app's email handler for message {@code id}, with the body scheduler-svc sends. */
    private static RuntimeHarness.Response deliver(RuntimeHarness.App app, String id) throws Exception {
        var summary = mail.summary(id);
        ObjectNode body = MessageCodec.INSTANCE
                .mapper()
                .createObjectNode()
                .put("messageId", id)
                .put("mailFrom", summary.mailFrom())
                .put("to", summary.to())
                .put("rawSize", summary.rawSize())
                .put("subject", summary.subject());
        return runtime.invoke(app, "email", "POST", "/_fazt/email/" + id, body.toString());
    }

    private static RuntimeHarness.App deploy(String appId, String emailBody) {
        runtime.env(appId, Map.of());
        return runtime.deploy(appId, "api/main.js", """
                const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
                export default {
                  async fetch() { return new Response('fetch'); },
                  async email(message, env, ctx) {
                """ + emailBody + """
                  }
                };
                """);
    }

    /** What the handler of {@code appId} last put under {@code seen}. */
    private static JsonNode seen(String appId) throws Exception {
        KvPutRequest put = runtime.storage().requests(KvPutRequest.class).stream()
                .filter(r -> r.appId().equals(appId) && r.key().equals("seen"))
                .reduce((a, b) -> b)
                .orElseThrow();
        return MessageCodec.INSTANCE.mapper().readTree(new String(put.value(), StandardCharsets.UTF_8));
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + i / 251);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void theHandlerSeesEnvelopeHeadersBodiesAndAttachmentsWithA1MbAttachmentAcrossChunks() throws Exception {
        byte[] big = pattern(1024 * 1024 + 12_345);
        String id = mail.receive(
                "mail-read",
                message(
                        "mail-read",
                        List.of(
                                new MailStandIn.Attachment("big.bin", "application/octet-stream", null, big),
                                new MailStandIn.Attachment(
                                        "note.txt", "text/plain", "note1", "héllo".getBytes(StandardCharsets.UTF_8)))));
        RuntimeHarness.App app = deploy("mail-read", """
                const [bin, note] = message.attachments;
                const buffer = await bin.arrayBuffer();
                await env.KV.put('seen', { from: message.from, to: message.to, subject: message.subject,
                  messageId: message.messageId, rawSize: message.rawSize, isHeaders: message.headers instanceof Headers,
                  priority: message.headers.get('x-priority'), headerSubject: message.headers.get('subject'),
                  text: await message.text(), html: await message.html(),
                  attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType,
                    size: a.size, contentId: a.contentId })),
                  binLength: buffer.byteLength, binSha: hex(await crypto.subtle.digest('SHA-256', buffer)),
                  note: await note.text(), spf: message.auth.spf });
                """);

        assertThat(deliver(app, id).status()).isEqualTo(204);

        JsonNode seen = seen("mail-read");
        assertThat(seen.path("from").asText()).isEqualTo("bounce-123@sender.example.org");
        assertThat(seen.path("to").asText()).isEqualTo("mail-read@mail.example.test");
        assertThat(seen.path("subject").asText()).isEqualTo("Quarterly report");
        assertThat(seen.path("messageId").asText()).isEqualTo(id);
        assertThat(seen.path("rawSize").asLong()).isEqualTo(mail.raw(id).length);
        assertThat(seen.path("isHeaders").asBoolean()).isTrue();
        assertThat(seen.path("priority").asText()).isEqualTo("1");
        assertThat(seen.path("headerSubject").asText()).isEqualTo("Quarterly report");
        assertThat(seen.path("text").asText()).isEqualTo("Hello in text");
        assertThat(seen.path("html").asText()).isEqualTo("<p>Hello in html</p>");
        assertThat(seen.path("attachments").toString())
                .isEqualTo(
                        "[{\"filename\":\"big.bin\",\"contentType\":\"application/octet-stream\",\"size\":"
                                + big.length + ",\"contentId\":null},"
                                + "{\"filename\":\"note.txt\",\"contentType\":\"text/plain\",\"size\":6,\"contentId\":\"note1\"}]");
        assertThat(seen.path("binLength").asInt()).isEqualTo(big.length);
        assertThat(seen.path("binSha").asText()).isEqualTo(sha256(big));
        assertThat(seen.path("note").asText()).isEqualTo("héllo");
        assertThat(seen.path("spf").asText()).isEqualTo("pass");
        assertThat(mail.requests(PartRequest.class).stream()
                        .filter(r -> r.messageId().equals(id) && r.part() == 0))
                .extracting(PartRequest::offset)
                .containsExactly(0L, (long) MailSubjects.CHUNK_SIZE, 2L * MailSubjects.CHUNK_SIZE);
    }

    @Test
    void rawStreamsTheWholeMessageByChunksAndMatchesRawSize() throws Exception {
        String id = mail.receive(
                "mail-raw",
                message(
                        "mail-raw",
                        List.of(new MailStandIn.Attachment("photo.jpg", "image/jpeg", null, pattern(800 * 1024)))));
        RuntimeHarness.App app = deploy("mail-raw", """
                const reader = message.raw.getReader();
                const pieces = [];
                let length = 0;
                for (let r = await reader.read(); !r.done; r = await reader.read()) {
                  pieces.push(r.value);
                  length += r.value.byteLength;
                }
                const all = new Uint8Array(length);
                let at = 0;
                for (const p of pieces) { all.set(p, at); at += p.byteLength; }
                await env.KV.put('seen', { length, rawSize: message.rawSize, chunks: pieces.length,
                  sha: hex(await crypto.subtle.digest('SHA-256', all)), sameStream: message.raw === message.raw });
                """);

        assertThat(deliver(app, id).status()).isEqualTo(204);

        byte[] raw = mail.raw(id);
        JsonNode seen = seen("mail-raw");
        assertThat(raw.length).isGreaterThan(2 * MailSubjects.CHUNK_SIZE);
        assertThat(seen.path("length").asLong()).isEqualTo(raw.length);
        assertThat(seen.path("rawSize").asLong()).isEqualTo(raw.length);
        assertThat(seen.path("chunks").asInt()).isEqualTo(3);
        assertThat(seen.path("sha").asText()).isEqualTo(sha256(raw));
        assertThat(seen.path("sameStream").asBoolean()).isTrue();
    }

    @Test
    void setRejectSendsARejectRequestEvenWhenTheHandlerDoesNotWait() throws Exception {
        String id = mail.receive("mail-reject", message("mail-reject", List.of()));
        RuntimeHarness.App app = deploy("mail-reject", """
                if (message.from.endsWith('sender.example.org')) message.setReject('Unknown sender');
                """);

        assertThat(deliver(app, id).status()).isEqualTo(204);

        assertThat(mail.requests(RejectRequest.class)).contains(new RejectRequest("mail-reject", id, "Unknown sender"));
        assertThat(mail.summary(id).status()).isEqualTo("rejected");
    }

    @Test
    void aSetRejectThatCannotBeRecordedFailsTheRun() throws Exception {
        String id = mail.receive("mail-long", message("mail-long", List.of()));
        RuntimeHarness.App app = deploy("mail-long", "message.setReject('x'.repeat(1001));");

        ProblemException failure = catchThrowableOfType(ProblemException.class, () -> deliver(app, id));

        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().detail()).contains("setReject: reason must be 1 to 1000 characters");
        assertThat(mail.requests(RejectRequest.class))
                .noneMatch(r -> r.messageId().equals(id));
        assertThat(mail.summary(id).status()).isEqualTo("stored");
    }

    @Test
    void forwardAndReplySendWithForwardOfAndInReplyTo() throws Exception {
        String id = mail.receive("mail-fwd", message("mail-fwd", List.of()));
        RuntimeHarness.App app = deploy("mail-fwd", """
                const forwarded = await message.forward('boss@example.org', { 'X-Forwarded-By': 'mail-fwd' });
                const replied = await message.reply({ text: 'Thanks, got it.' });
                await env.KV.put('seen', { forwarded, replied });
                """);

        assertThat(deliver(app, id).status()).isEqualTo(204);

        List<SendRequest> sends = mail.requests(SendRequest.class).stream()
                .filter(r -> r.appId().equals("mail-fwd"))
                .toList();
        assertThat(sends).hasSize(2);
        SendRequest forward = sends.get(0);
        assertThat(forward.appName()).isEqualTo("mail-fwd");
        assertThat(forward.message().forwardOf()).isEqualTo(id);
        assertThat(forward.message().inReplyTo()).isNull();
        assertThat(forward.message().from()).isEqualTo("mail-fwd@mail.example.test");
        assertThat(forward.message().to()).containsExactly("boss@example.org");
        assertThat(forward.message().headers()).isEqualTo(Map.of("X-Forwarded-By", "mail-fwd"));
        SendRequest reply = sends.get(1);
        assertThat(reply.message().inReplyTo()).isEqualTo(id);
        assertThat(reply.message().forwardOf()).isNull();
        assertThat(reply.message().from()).isEqualTo("mail-fwd@mail.example.test");
        assertThat(reply.message().to()).containsExactly("replies@sender.example.org");
        assertThat(reply.message().subject()).isEqualTo("Re: Quarterly report");
        assertThat(reply.message().text()).isEqualTo("Thanks, got it.");
        JsonNode seen = seen("mail-fwd");
        assertThat(seen.path("forwarded").path("id").asText()).startsWith("o_");
        assertThat(seen.path("replied").path("messageId").asText()).endsWith("@standin.test");
    }

    @Test
    void aThrowingHandlerFailsTheInvocationWithItsError() throws Exception {
        String id = mail.receive("mail-throw", message("mail-throw", List.of()));
        RuntimeHarness.App app = deploy("mail-throw", """
                await message.text();
                throw new Error('cannot handle ' + message.subject);
                """);

        ProblemException failure = catchThrowableOfType(ProblemException.class, () -> deliver(app, id));

        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().detail()).startsWith("Error: cannot handle Quarterly report");
    }

    @Test
    void anAppWithoutAnEmailExportFailsNamingIt() throws Exception {
        String id = mail.receive("mail-none", message("mail-none", List.of()));
        runtime.env("mail-none", Map.of());
        RuntimeHarness.App app =
                runtime.deploy("mail-none", "api/main.js", "export default { fetch() { return new Response('x'); } };");

        ProblemException failure = catchThrowableOfType(ProblemException.class, () -> deliver(app, id));

        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().detail()).contains("the app exports no email handler");
    }

    @Test
    void aMessageOfAnotherAppFailsTheInvocationBeforeTheHandlerRuns() throws Exception {
        String id = mail.receive("mail-owner", message("mail-owner", List.of()));
        RuntimeHarness.App app = deploy("mail-thief", "await env.KV.put('seen', { ran: true });");

        ProblemException failure = catchThrowableOfType(ProblemException.class, () -> deliver(app, id));

        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().detail()).contains("There is no message " + id);
        assertThat(runtime.storage().requests(KvPutRequest.class))
                .noneMatch(r -> r.appId().equals("mail-thief"));
    }
}
