package fazt.runtime.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import fazt.proto.problem.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a send's arguments from mail.js become a {@link SendBody}, and how failures become the problem JS sees. */
class MailSendsTest {
    private static JsonNode json(String text) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(text);
    }

    @Test
    void attachmentsAreCutFromTheBytesByTheirListedLengths() throws Exception {
        SendBody body = MailSends.body(json("""
                        {"from":"a@x.test","to":["b@x.test"],"cc":null,"subject":"s","text":"t",
                         "headers":{"X-A":"1"},"attachments":[{"filename":"a","length":2},
                         {"filename":"b","contentType":"text/plain","contentId":"c","length":0},{"length":1}]}
                        """), new byte[] {1, 2, 3}, 1 << 20);

        assertThat(body.to()).containsExactly("b@x.test");
        assertThat(body.cc()).isNull();
        assertThat(body.headers()).isEqualTo(Map.of("X-A", "1"));
        assertThat(body.attachments())
                .containsExactly(
                        new OutgoingAttachment("a", null, new byte[] {1, 2}, null),
                        new OutgoingAttachment("b", "text/plain", new byte[0], "c"),
                        new OutgoingAttachment(null, null, new byte[] {3}, null));
    }

    @Test
    void lengthsThatDoNotAddUpToTheBytesAreRefused() throws Exception {
        for (String listed : List.of("[{\"length\":2}]", "[{\"length\":4}]", "[{}]")) {
            ProblemException refused = catchThrowableOfType(
                    ProblemException.class,
                    () -> MailSends.body(json("{\"attachments\":" + listed + "}"), new byte[] {1, 2, 3}, 1 << 20));
            assertThat(refused.problem().status()).as(listed).isEqualTo(400);
            assertThat(refused.problem().detail()).isEqualTo("attachment lengths do not match their contents");
        }
    }

    @Test
    void bytesWhoseBase64CannotFitAreRefusedBeforeEncoding() throws Exception {
        ProblemException refused = catchThrowableOfType(
                ProblemException.class,
                () -> MailSends.body(json("{\"attachments\":[{\"length\":3073}]}"), new byte[3073], 4096));

        assertThat(refused.problem().status()).isEqualTo(413);
        assertThat(refused.problem().type()).isEqualTo(Problem.TYPE_BASE + "runtime/mail-too-large");
        assertThat(refused.problem().errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("attachments");
        assertThat(MailSends.body(json("{\"attachments\":[{\"length\":3072}]}"), new byte[3072], 4096)
                        .attachments())
                .hasSize(1);
    }

    @Test
    void failuresBecomeTheProblemJavaScriptSees() {
        Problem limited =
                Problem.of(429, "mail/rate-limited", "Too many", "wait").withExtension("retryAfter", 60);
        assertThat(MailBindings.problemOf(new CompletionException(new CallFailure.Problem("svc.mail.send", limited))))
                .isEqualTo(limited);
        assertThat(MailBindings.problemOf(new CompletionException(new CallFailure.NoResponders("svc.mail.send")))
                        .status())
                .isEqualTo(503);
        Problem timeout = MailBindings.problemOf(new CallFailure.NoAnswer("svc.mail.send", Duration.ofSeconds(10)));
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.detail()).isEqualTo("mail-svc did not answer within 10 s");
        Problem other = MailBindings.problemOf(new IllegalStateException("secret internals"));
        assertThat(other.status()).isEqualTo(500);
        assertThat(other.detail()).doesNotContain("secret");
    }
}
