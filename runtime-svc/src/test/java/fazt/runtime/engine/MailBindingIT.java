package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.MailStandIn;
import fazt.proto.MessageCodec;
import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import fazt.proto.mail.SendRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code env.MAIL.send} from a {@code fetch} handler: the {@link SendRequest} it puts on {@code svc.mail.send}
 * (answered by the {@link MailStandIn}), recipients as a string or an array, attachments of every content kind
 * round-tripped through base64, mail-svc's refusals as Errors with status, type and field, and a message too large
 * for one NATS message refused before it is sent.
 */
class MailBindingIT {
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

    private static JsonNode run(String appId, String handlerBody) throws Exception {
        runtime.env(appId, Map.of());
        RuntimeHarness.App app = runtime.deploy(
                appId, "api/main.js", "export default { async fetch(request, env) {\n" + handlerBody + "\n} };");
        RuntimeHarness.Response response = runtime.invoke(app, "POST", "/api/send", null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    private static List<SendBody> sent(String appId) {
        return mail.requests(SendRequest.class).stream()
                .filter(r -> r.appId().equals(appId))
                .map(SendRequest::message)
                .toList();
    }

    private static final String CATCH = """
            const caught = async (p) => { try { await p; return null; } catch (e) {
              return { name: e.name, message: e.message, status: e.status, type: e.type, field: e.field,
                retryAfter: e.retryAfter ?? null, isError: e instanceof Error }; } };
            """;

    @Test
    void sendQueuesTheMessageWithStringOrArrayRecipientsAndAnswersItsIds() throws Exception {
        JsonNode result = run("send-ok", CATCH + """
                const one = await env.MAIL.send({ from: 'app@mail.example.test', to: 'ada@example.org',
                  subject: 'Hi', text: 'Plain', html: '<b>Rich</b>', replyTo: 'help@mail.example.test',
                  headers: { 'X-Campaign': 'c1' } });
                const two = await env.MAIL.send({ from: 'Team <app@mail.example.test>',
                  to: ['ada@example.org', 'bob@example.org'], cc: 'carol@example.org', bcc: ['dan@example.org'],
                  subject: 'All', text: 'x' });
                const badType = await caught(env.MAIL.send({ from: 'app@mail.example.test', to: 42 }));
                return Response.json({ one, two, badType });
                """);

        assertThat(result.path("one").path("id").asText()).startsWith("o_");
        assertThat(result.path("one").path("messageId").asText()).endsWith("@standin.test");
        assertThat(result.path("two").path("id").asText())
                .isNotEqualTo(result.path("one").path("id").asText());
        assertThat(result.path("badType").path("name").asText()).isEqualTo("TypeError");
        assertThat(result.path("badType").path("message").asText()).contains("MAIL.send: to");
        List<SendBody> sent = sent("send-ok");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0))
                .isEqualTo(new SendBody(
                        "app@mail.example.test",
                        List.of("ada@example.org"),
                        null,
                        null,
                        "help@mail.example.test",
                        "Hi",
                        "Plain",
                        "<b>Rich</b>",
                        null,
                        Map.of("X-Campaign", "c1"),
                        null,
                        null));
        assertThat(sent.get(1).to()).containsExactly("ada@example.org", "bob@example.org");
        assertThat(sent.get(1).cc()).containsExactly("carol@example.org");
        assertThat(sent.get(1).bcc()).containsExactly("dan@example.org");
        assertThat(mail.requests(SendRequest.class).stream()
                        .filter(r -> r.appId().equals("send-ok")))
                .allSatisfy(r -> assertThat(r.appName()).isEqualTo("send-ok"));
    }

    @Test
    void attachmentsOfEveryContentKindArriveByteForByte() throws Exception {
        JsonNode result = run("send-files", """
                const all = new Uint8Array(256).map((_, i) => i);
                const answer = await env.MAIL.send({ from: 'app@mail.example.test', to: 'ada@example.org',
                  subject: 'Files', text: 'see attached', attachments: [
                    { filename: 'bytes.bin', contentType: 'application/octet-stream', content: all },
                    { filename: 'view.bin', content: new DataView(all.buffer, 250, 6) },
                    { filename: 'buffer.bin', content: all.buffer.slice(0, 3) },
                    { filename: 'note.txt', contentType: 'text/plain', content: 'héllo ✓' },
                    { filename: 'blob.csv', content: new Blob(['a,b\\n1,2'], { type: 'text/csv' }) },
                    { filename: 'logo.png', contentType: 'image/png', content: new Uint8Array([137, 80]),
                      contentId: 'logo' },
                  ] });
                return Response.json(answer);
                """);

        assertThat(result.path("id").asText()).startsWith("o_");
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(sent("send-files").getFirst().attachments())
                .containsExactly(
                        new OutgoingAttachment("bytes.bin", "application/octet-stream", all, null),
                        new OutgoingAttachment(
                                "view.bin",
                                null,
                                new byte[] {(byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255},
                                null),
                        new OutgoingAttachment("buffer.bin", null, new byte[] {0, 1, 2}, null),
                        new OutgoingAttachment(
                                "note.txt", "text/plain", "héllo ✓".getBytes(StandardCharsets.UTF_8), null),
                        new OutgoingAttachment(
                                "blob.csv", "text/csv", "a,b\n1,2".getBytes(StandardCharsets.UTF_8), null),
                        new OutgoingAttachment("logo.png", "image/png", new byte[] {(byte) 137, 80}, "logo"));
    }

    @Test
    void mailSvcRefusalsAreErrorsWithStatusTypeFieldAndRetryAfter() throws Exception {
        mail.sendLimit("send-limited", 1);
        JsonNode result = run("send-limited", CATCH + """
                const invalid = await caught(env.MAIL.send({ from: 'app@mail.example.test', to: 'not an address',
                  subject: 'x', text: 'x' }));
                const first = await caught(env.MAIL.send({ from: 'app@mail.example.test', to: 'a@example.org',
                  text: 'x' }));
                const limited = await caught(env.MAIL.send({ from: 'app@mail.example.test', to: 'a@example.org',
                  text: 'x' }));
                return Response.json({ invalid, first, limited });
                """);

        JsonNode invalid = result.path("invalid");
        assertThat(invalid.path("isError").asBoolean()).isTrue();
        assertThat(invalid.path("name").asText()).isEqualTo("MailError");
        assertThat(invalid.path("status").asInt()).isEqualTo(400);
        assertThat(invalid.path("type").asText()).isEqualTo("mail/invalid-message");
        assertThat(invalid.path("field").asText()).isEqualTo("to");
        assertThat(invalid.path("message").asText()).contains("to");
        assertThat(result.path("first").isNull()).isTrue();
        JsonNode limited = result.path("limited");
        assertThat(limited.path("status").asInt()).isEqualTo(429);
        assertThat(limited.path("type").asText()).isEqualTo("mail/rate-limited");
        assertThat(limited.path("retryAfter").asInt()).isEqualTo(60);
        assertThat(limited.path("field").isNull()).isTrue();
    }

    @Test
    void aMessageTooLargeForOneNatsMessageIsRefusedBeforeItIsSentAndABigOneThatFitsGoes() throws Exception {
        JsonNode result = run("send-big", CATCH + """
                const send = (size) => env.MAIL.send({ from: 'app@mail.example.test', to: 'a@example.org',
                  text: 'x', attachments: [{ filename: 'big.bin', content: new Uint8Array(size).fill(7) }] });
                const tooLarge = await caught(send(900 * 1024));
                const fits = await send(600 * 1024);
                return Response.json({ tooLarge, fits });
                """);

        JsonNode tooLarge = result.path("tooLarge");
        assertThat(tooLarge.path("status").asInt()).isEqualTo(413);
        assertThat(tooLarge.path("type").asText()).isEqualTo("runtime/mail-too-large");
        assertThat(tooLarge.path("field").asText()).isEqualTo("attachments");
        assertThat(tooLarge.path("message").asText()).contains("KiB");
        assertThat(result.path("fits").path("id").asText()).startsWith("o_");
        assertThat(sent("send-big")).hasSize(1);
        assertThat(sent("send-big").getFirst().attachments().getFirst().content())
                .hasSize(600 * 1024);
    }
}
