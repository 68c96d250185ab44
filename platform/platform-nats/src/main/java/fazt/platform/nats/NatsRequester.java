package fazt.platform.nats;

import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Typed request/reply over NATS between services: encodes the request with the one codec, sets the type and
 * trace headers, and decodes either the reply or the ADR-32 error problem.
 *
 * <p>Two ways to ask. Code on a virtual thread (every service but the gateway) uses {@link #call}, which blocks and
 * returns the decoded reply or throws one {@link CallFailure}:
 * <pre>{@code
 * try {
 *     return nats.call(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, TIMEOUT);
 * } catch (CallFailure failure) {
 *     throw switch (failure) {
 *         case CallFailure.Problem p when p.problem().status() == 404 -> notFound(name);
 *         case CallFailure.Problem p -> ...;
 *         case CallFailure.NoAnswer n -> ...;
 *         case CallFailure.NoResponders n -> ...;
 *         case CallFailure.Interrupted i -> ...;
 *     };
 * }
 * }</pre>
 * A caller with nothing to add writes just the call and lets the failure pass; one whose reply is bytes waits for
 * {@link #requestForBytes} with {@link #await}, which fails the same way. Non-blocking code (the gateway's event loop)
 * uses {@link #request}, whose future fails with {@link RemoteProblemException}, {@link NoResponderException} or a
 * {@link TimeoutException}.
 */
public final class NatsRequester {
    private final Connection nats;
    private final SubjectRoot root;

    public NatsRequester(Connection nats, SubjectRoot root) {
        this.nats = nats;
        this.root = root;
    }

    /**
     * Sends {@code request} to {@code subject} (without the root) and completes with the decoded reply. Fails with
     * {@link RemoteProblemException} when the service answered with an error, {@link NoResponderException} when no
     * instance listens, and a timeout after {@code timeout}.
     */
    public <R> CompletableFuture<R> request(String subject, Object request, Class<R> replyType, Duration timeout) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(request.getClass()));
        headers.put(FaztHeaders.TRACEPARENT, TraceContext.currentOrStart().header());
        Message message = NatsMessage.builder()
                .subject(root.qualify(subject))
                .headers(headers)
                .data(MessageCodec.INSTANCE.encode(request))
                .build();
        return nats.requestWithTimeout(message, timeout)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(subject, e)))
                .thenApply(reply -> decode(subject, reply, replyType));
    }

    /**
     * Sends raw bytes with {@code headers} to {@code subject} (without the root) and completes with the reply message
     * itself (for byte replies such as blob chunks), failing as {@link #request} does for problems and no responders.
     */
    public CompletableFuture<Message> requestRaw(
            String subject, Map<String, String> headers, byte[] data, Duration timeout) {
        Headers all = new Headers();
        headers.forEach(all::put);
        all.put(FaztHeaders.TRACEPARENT, TraceContext.currentOrStart().header());
        Message message = NatsMessage.builder()
                .subject(root.qualify(subject))
                .headers(all)
                .data(data)
                .build();
        return nats.requestWithTimeout(message, timeout)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(translate(subject, e)))
                .thenApply(reply -> {
                    failOnProblem(subject, reply);
                    return reply;
                });
    }

    /**
     * Sends {@code request} (a record) and completes with the raw reply message, for contracts whose reply is bytes.
     */
    public CompletableFuture<Message> requestForBytes(String subject, Object request, Duration timeout) {
        return requestRaw(
                subject,
                Map.of(FaztHeaders.TYPE, MessageCodec.typeId(request.getClass())),
                MessageCodec.INSTANCE.encode(request),
                timeout);
    }

    /**
     * Sends {@code request} to {@code subject} (without the root) and waits, on the calling (virtual) thread, for the
     * decoded reply. Throws {@link CallFailure.Problem} when the service answered with a problem,
     * {@link CallFailure.NoResponders} when no instance listens, {@link CallFailure.NoAnswer} after {@code timeout},
     * and {@link CallFailure.Interrupted} (the interrupt flag set again) when the thread is interrupted. A reply that
     * does not decode as {@code replyType} is a broken contract, thrown as it is.
     */
    public <R> R call(String subject, Object request, Class<R> replyType, Duration timeout) {
        return await(subject, timeout, request(subject, request, replyType, timeout));
    }

    /**
     * Waits for {@code reply}, a request to {@code subject} made with {@link #requestRaw} or {@link #requestForBytes}
     * (byte replies), failing as {@link #call} does.
     */
    public static <T> T await(String subject, Duration timeout, CompletableFuture<T> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            throw failureOf(subject, timeout, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure.Interrupted(subject);
        }
    }

    /**
     * How a failed request to {@code subject} surfaces, as {@link #call} throws it: for code that completes a
     * request's future asynchronously instead of waiting for it. {@code failure} may be wrapped in a
     * {@link CompletionException}.
     */
    public static RuntimeException failureOf(String subject, Duration timeout, Throwable failure) {
        return switch (causeOf(failure)) {
            case RemoteProblemException p -> new CallFailure.Problem(subject, p.problem());
            case NoResponderException n -> new CallFailure.NoResponders(subject);
            case TimeoutException t -> new CallFailure.NoAnswer(subject, timeout);
            case RuntimeException other -> other;
            case Throwable other -> new IllegalStateException("request on " + subject + " failed", other);
        };
    }

    /** What failed a request's future: {@code failure} without the {@link CompletionException} around it. */
    public static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static Throwable translate(String subject, Throwable e) {
        Throwable cause = causeOf(e);
        if (cause instanceof CancellationException
                || (cause.getMessage() != null && cause.getMessage().contains("No Responders"))) {
            return new NoResponderException(subject);
        }
        return cause;
    }

    private static <R> R decode(String subject, Message reply, Class<R> replyType) {
        failOnProblem(subject, reply);
        return MessageCodec.INSTANCE.decode(reply.getData(), replyType);
    }

    /**
     * Throws {@link NoResponderException} for a no-responders status reply and {@link RemoteProblemException} for an
     * ADR-32 error reply; returns quietly for an ordinary reply (for callers that send with headers of their own).
     */
    public static void failOnProblem(String subject, Message reply) {
        if (reply.isStatusMessage() && reply.getStatus().getCode() == 503) {
            throw new NoResponderException(subject);
        }
        Headers headers = reply.getHeaders();
        if (headers != null && headers.getFirst(FaztHeaders.SERVICE_ERROR_CODE) != null) {
            Problem problem;
            try {
                problem = MessageCodec.INSTANCE.decode(reply.getData(), Problem.class);
            } catch (MessageCodec.MalformedMessageException e) {
                int status = parseStatus(headers.getFirst(FaztHeaders.SERVICE_ERROR_CODE));
                problem = Problem.of(
                        status, "platform/remote-error", "Remote error", headers.getFirst(FaztHeaders.SERVICE_ERROR));
            }
            throw new RemoteProblemException(problem);
        }
    }

    private static int parseStatus(String code) {
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return 500;
        }
    }

    /** No instance of the addressed service is listening. */
    public static final class NoResponderException extends RuntimeException {
        public NoResponderException(String subject) {
            super("no service answers " + subject, null, false, false);
        }
    }

    /** The addressed service answered with a problem. */
    public static final class RemoteProblemException extends ProblemException {
        public RemoteProblemException(Problem problem) {
            super(problem);
        }
    }
}
