package fazt.platform.test.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.proto.mail.MailHeader;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.MessageSummary;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import fazt.proto.mail.SendRequest;
import fazt.proto.problem.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What mail-svc answers runtime-svc over NATS for an app's {@code email} handler and {@code env.MAIL}, as far as
 * runtime-svc's tests lean on {@link MailStandIn}: a received message's detail, its raw bytes and attachments by chunk,
 * only within the app's own mailbox; a reject; a send queued, or refused naming the field. {@code MailStandInIT} runs
 * it against the stand-in; mail-svc's {@code MailContractIT} is to run it against the real service (a message
 * delivered over SMTP to an app's address), so the stand-in cannot drift from it in what this checks.
 */
public interface MailContract {
    Duration TIMEOUT = Duration.ofSeconds(10);

    /** Requests on the subject root where the mail-svc under test answers. */
    NatsRequester mail();

    /** An app mail-svc knows, with server code; returns its id. Its private address is {@link #address}. */
    String app() throws Exception;

    /** An address of app {@code appId} that mail is accepted for (and that it may send from). */
    String address(String appId);

    /** Delivers {@code message} to {@code appId} (its {@code to} one of its addresses); returns the message id. */
    String receive(String appId, MailStandIn.Incoming message) throws Exception;

    private static MailStandIn.Incoming message(String to, byte[] attachment) {
        return new MailStandIn.Incoming(
                "sender@example.org",
                to,
                "Sender <sender@example.org>",
                "Hello " + UUID.randomUUID(),
                List.of(new MailHeader("X-Contract", "yes")),
                "plain body",
                "<p>html body</p>",
                List.of(new MailStandIn.Attachment("data.bin", "application/octet-stream", null, attachment)));
    }

    private <T> T call(String subject, Object request, Class<T> reply) {
        return join(mail().request(subject, request, reply, TIMEOUT));
    }

    private static <T> T join(CompletableFuture<T> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private byte[] readWhole(String appId, String id, int part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long total;
        do {
            PartChunk chunk = call(
                    MailSubjects.MESSAGE_PART,
                    new PartRequest(appId, id, part, out.size(), MailSubjects.CHUNK_SIZE),
                    PartChunk.class);
            assertThat(chunk.offset()).isEqualTo(out.size());
            assertThat(chunk.data().length).isPositive().isLessThanOrEqualTo(MailSubjects.CHUNK_SIZE);
            out.writeBytes(chunk.data());
            total = chunk.total();
        } while (out.size() < total);
        return out.toByteArray();
    }

    private static Problem problem(Throwable thrown) {
        assertThat(thrown).isInstanceOf(RemoteProblemException.class);
        return ((RemoteProblemException) thrown).problem();
    }

    @Test
    default void aReceivedMessageReadsWholeAndItsRawAndAttachmentBytesComeByChunks() throws Exception {
        String appId = app();
        byte[] attachment = new byte[MailSubjects.CHUNK_SIZE + 1000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) (i * 31);
        }
        MailStandIn.Incoming sent = message(address(appId), attachment);
        String id = receive(appId, sent);

        MessageDetail detail = call(MailSubjects.MESSAGE_GET, new MessageRequest(appId, id), MessageDetail.class);
        assertThat(detail.summary().id()).isEqualTo(id);
        assertThat(detail.summary().mailbox()).isEqualTo("app:" + appId);
        assertThat(detail.summary().mailFrom()).isEqualTo("sender@example.org");
        assertThat(detail.summary().to()).isEqualTo(sent.to());
        assertThat(detail.summary().subject()).isEqualTo(sent.subject());
        assertThat(detail.text()).isEqualToIgnoringNewLines("plain body");
        assertThat(detail.html()).isEqualToIgnoringNewLines("<p>html body</p>");
        assertThat(detail.headers()).contains(new MailHeader("X-Contract", "yes"));
        assertThat(detail.attachments()).hasSize(1);
        assertThat(detail.attachments().getFirst().filename()).isEqualTo("data.bin");
        assertThat(detail.attachments().getFirst().size()).isEqualTo(attachment.length);

        byte[] raw = readWhole(appId, id, -1);
        assertThat((long) raw.length).isEqualTo(detail.summary().rawSize());
        assertThat(new String(raw, StandardCharsets.UTF_8)).contains(sent.subject());
        assertThat(readWhole(appId, id, detail.attachments().getFirst().index()))
                .isEqualTo(attachment);
    }

    @Test
    default void anotherAppsOrAnUnknownMessageIsA404() throws Exception {
        String appId = app();
        String other = app();
        String id = receive(appId, message(address(appId), new byte[] {1}));
        for (MessageRequest request :
                List.of(new MessageRequest(other, id), new MessageRequest(appId, "m_" + UUID.randomUUID()))) {
            Problem problem =
                    problem(catchThrowable(() -> call(MailSubjects.MESSAGE_GET, request, MessageDetail.class)));
            assertThat(problem.status()).isEqualTo(404);
            assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "mail/no-message");
        }
    }

    @Test
    default void aRejectMarksTheMessageRejectedWithItsReason() throws Exception {
        String appId = app();
        String id = receive(appId, message(address(appId), new byte[] {1}));
        MessageSummary summary =
                call(MailSubjects.MESSAGE_REJECT, new RejectRequest(appId, id, "no thanks"), MessageSummary.class);
        assertThat(summary.status()).isEqualTo("rejected");
        MessageDetail detail = call(MailSubjects.MESSAGE_GET, new MessageRequest(appId, id), MessageDetail.class);
        assertThat(detail.summary().status()).isEqualTo("rejected");
        assertThat(detail.reason()).isEqualTo("no thanks");
    }

    @Test
    default void aSendIsQueuedAndABadRecipientIsA400NamingTheField() throws Exception {
        String appId = app();
        SendBody ok = new SendBody(
                address(appId),
                List.of("someone@example.org"),
                null,
                null,
                null,
                "Hi",
                "text",
                null,
                null,
                null,
                null,
                null);
        SendAnswer answer = call(MailSubjects.SEND, new SendRequest(appId, appId, ok), SendAnswer.class);
        assertThat(answer.id()).isNotBlank();
        assertThat(answer.messageId()).isNotBlank().doesNotContain("<");
        assertThat(answer.status()).isEqualTo("queued");

        SendBody bad = new SendBody(
                address(appId),
                List.of("not an address"),
                null,
                null,
                null,
                "Hi",
                "text",
                null,
                null,
                null,
                null,
                null);
        Problem problem = problem(
                catchThrowable(() -> call(MailSubjects.SEND, new SendRequest(appId, appId, bad), SendAnswer.class)));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "mail/invalid-message");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("to");
    }
}
