package fazt.runtime.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.MessageSummary;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendRequest;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The host side of {@code env.MAIL} and of the {@code message} of an app's {@code email} handler (mail.js is the
 * JavaScript side): one operation by name with JSON arguments, sent to mail-svc as a NATS request on a virtual thread
 * ({@link MailSubjects}). The app id and name are the ones the platform gave the invocation, never anything from
 * JavaScript. A send goes as one NATS message, so it is refused here, before it leaves, when its encoded size would
 * pass the server's max payload. Failures reach JavaScript as the problem of {@link #problemOf}.
 */
@Singleton
public final class MailBindings implements AutoCloseable {
    /** How long one request to mail-svc may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Longest reason of a {@code setReject} (it ends up in a bounce). */
    public static final int MAX_REASON = 1000;

    /** Room left in a NATS message for headers (type, trace) beside the encoded send. */
    static final int HEADER_ROOM = 4 * 1024;

    private static final ObjectMapper JSON = MessageCodec.INSTANCE.mapper();

    private final NatsRequester nats;
    private final Connection connection;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    MailBindings(NatsRequester nats, Connection connection) {
        this.nats = nats;
        this.connection = connection;
    }

    /**
     * Starts operation {@code op} ({@code mail.send}, {@code mail.message}, {@code mail.part}, {@code mail.reject})
     * for app {@code appId} (alias {@code appName}); {@code bytes} are the attachments' contents of a send, back to
     * back in the order and lengths {@code argsJson} lists.
     */
    public CompletableFuture<BindingReply> call(
            String appId, String appName, String op, String argsJson, byte[] bytes) {
        JsonNode args;
        try {
            args = JSON.readTree(argsJson);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(BindingArgs.invalid("arguments are not JSON"));
        }
        return CompletableFuture.supplyAsync(() -> dispatch(appId, appName, op, args, bytes), calls);
    }

    private BindingReply dispatch(String appId, String appName, String op, JsonNode args, byte[] bytes) {
        return switch (op) {
            case "mail.send" -> send(appId, appName, args, bytes);
            case "mail.message" ->
                json(nats.call(
                        MailSubjects.MESSAGE_GET,
                        new MessageRequest(appId, BindingArgs.text(args, "messageId")),
                        MessageDetail.class,
                        TIMEOUT));
            case "mail.part" -> part(appId, args);
            case "mail.reject" -> reject(appId, args);
            default -> throw BindingArgs.invalid("unknown operation " + op);
        };
    }

    private BindingReply send(String appId, String appName, JsonNode args, byte[] bytes) {
        int limit = maxPayload() - HEADER_ROOM;
        SendRequest request = new SendRequest(appId, appName, MailSends.body(args, bytes, limit));
        byte[] encoded = MessageCodec.INSTANCE.encode(request);
        if (encoded.length > limit) {
            throw MailSends.tooLarge(encoded.length, limit);
        }
        return json(nats.call(MailSubjects.SEND, request, SendAnswer.class, TIMEOUT));
    }

    private BindingReply reject(String appId, JsonNode args) {
        String reason = BindingArgs.text(args, "reason");
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            throw BindingArgs.invalid("setReject: reason must be 1 to " + MAX_REASON + " characters");
        }
        return json(nats.call(
                MailSubjects.MESSAGE_REJECT,
                new RejectRequest(appId, BindingArgs.text(args, "messageId"), reason),
                MessageSummary.class,
                TIMEOUT));
    }

    private BindingReply part(String appId, JsonNode args) {
        int length = args.path("length").asInt(MailSubjects.CHUNK_SIZE);
        if (length < 1 || length > MailSubjects.CHUNK_SIZE) {
            throw BindingArgs.invalid("length must be 1.." + MailSubjects.CHUNK_SIZE);
        }
        PartChunk chunk = nats.call(
                MailSubjects.MESSAGE_PART,
                new PartRequest(
                        appId,
                        BindingArgs.text(args, "messageId"),
                        args.path("part").asInt(-1),
                        args.path("offset").asLong(0),
                        length),
                PartChunk.class,
                TIMEOUT);
        byte[] data = chunk.data() == null ? new byte[0] : chunk.data();
        String meta = JSON.createObjectNode()
                .put("offset", chunk.offset())
                .put("total", chunk.total())
                .put("length", data.length)
                .toString();
        return new BindingReply(meta, data);
    }

    /** The NATS server's largest message (1 MiB unless configured otherwise). */
    private int maxPayload() {
        var info = connection.getServerInfo();
        long max = info == null ? 0 : info.getMaxPayload();
        return max <= 0 ? 1024 * 1024 : (int) Math.min(max, Integer.MAX_VALUE);
    }

    /**
     * The problem a failed mail operation reaches JavaScript as: mail-svc's own (400 {@code mail/invalid-message}
     * with the field, 429 {@code mail/rate-limited} with {@code retryAfter}, 404 {@code mail/no-message}), this
     * side's refusals, 503 when no mail-svc listens and 504 when it did not answer within {@link #TIMEOUT}.
     */
    public static Problem problemOf(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case ProblemException p -> p.problem();
            case CallFailure.Problem p -> p.problem();
            case CallFailure.NoResponders n ->
                Problem.of(503, "runtime/mail-unavailable", "Mail unavailable", "mail-svc is not answering");
            case CallFailure.NoAnswer n ->
                Problem.of(
                        504,
                        "runtime/mail-timeout",
                        "Mail timeout",
                        "mail-svc did not answer within " + TIMEOUT.toSeconds() + " s");
            default -> Problem.of(500, "runtime/mail-failed", "Mail call failed", "the mail call failed");
        };
    }

    /** {@link #problemOf} as JSON for mail.js. */
    public static String problemJson(Throwable failure) {
        return encode(problemOf(failure));
    }

    private static BindingReply json(Object reply) {
        return new BindingReply(encode(reply), null);
    }

    private static String encode(Object reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
