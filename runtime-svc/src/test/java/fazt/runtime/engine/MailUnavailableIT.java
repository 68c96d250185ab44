package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MailSubjects;
import io.nats.client.Subscription;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code env.MAIL.send} when mail-svc cannot take it: no instance listens (rejected at once, 503), or one listens
 * and never answers (rejected after the request timeout, 504). The binding is always there; only the call fails.
 */
class MailUnavailableIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    private static JsonNode sendOnce(String appId) throws Exception {
        runtime.env(appId, Map.of());
        RuntimeHarness.App app = runtime.deploy(appId, "api/main.js", """
                export default { async fetch(request, env) {
                  try {
                    await env.MAIL.send({ from: 'app@mail.example.test', to: 'a@example.org', text: 'x' });
                    return Response.json({ sent: true });
                  } catch (e) {
                    return Response.json({ name: e.name, status: e.status, type: e.type, message: e.message,
                      present: typeof env.MAIL.send });
                  }
                } };
                """);
        return MessageCodec.INSTANCE
                .mapper()
                .readTree(runtime.invoke(app, "POST", "/api/send", null).body());
    }

    @Test
    void withNoMailSvcListeningSendRejectsWith503() throws Exception {
        JsonNode result = sendOnce("mail-down");

        assertThat(result.path("name").asText()).isEqualTo("MailError");
        assertThat(result.path("status").asInt()).isEqualTo(503);
        assertThat(result.path("type").asText()).isEqualTo("runtime/mail-unavailable");
        assertThat(result.path("message").asText()).isEqualTo("mail-svc is not answering");
        assertThat(result.path("present").asText()).isEqualTo("function");
    }

    @Test
    void aSilentMailSvcMakesSendRejectWith504AfterTheTimeout() throws Exception {
        // listens in the service's place and never answers
        Subscription mute = runtime.connection().subscribe(suite.nats().root().qualify(MailSubjects.SEND));
        runtime.connection().flush(RuntimeHarness.TIMEOUT);
        try {
            JsonNode result = sendOnce("mail-mute");

            assertThat(result.path("status").asInt()).isEqualTo(504);
            assertThat(result.path("type").asText()).isEqualTo("runtime/mail-timeout");
            assertThat(result.path("message").asText()).isEqualTo("mail-svc did not answer within 10 s");
            assertThat(mute.getPendingMessageCount()).isEqualTo(1);
        } finally {
            mute.unsubscribe();
        }
    }
}
