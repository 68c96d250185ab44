package fazt.platform.nats;

import fazt.proto.MessageCodec;
import fazt.proto.MessageType;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.service.ServiceMessage;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns the outcome of a {@link RequestEndpoint} into a NATS reply: the encoded record with its type header, or an
 * ADR-32 error ({@code Nats-Service-Error-Code}, {@code Nats-Service-Error}) whose body is a {@link Problem}: the
 * problem of a {@link ProblemException}, or of a {@link CallFailure.Problem} passed on from another service.
 */
final class Replies {
    /** MDC key under which an unexpected failure's id is logged; the caller receives the same id. */
    static final String MDC_ERROR_ID = "errorId";

    private static final Logger log = LoggerFactory.getLogger(Replies.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private Replies() {}

    /** Answers with {@code result}; returns its status: 200, or the error code a raw reply carries. */
    static int reply(Connection nats, ServiceMessage message, Object result) {
        Headers headers = new Headers();
        if (result instanceof RawReply raw) {
            raw.headers().forEach(headers::put);
            message.respond(nats, raw.data(), headers);
            String code = headers.getFirst(FaztHeaders.SERVICE_ERROR_CODE);
            try {
                return code == null ? 200 : Integer.parseInt(code.trim());
            } catch (NumberFormatException e) {
                return 500;
            }
        }
        if (result != null && result.getClass().isAnnotationPresent(MessageType.class)) {
            headers.put(FaztHeaders.TYPE, MessageCodec.typeId(result.getClass()));
        }
        byte[] body = result == null ? new byte[0] : MessageCodec.INSTANCE.encode(result);
        message.respond(nats, body, headers);
        return 200;
    }

    /** Answers with the problem {@code failure} stands for; returns its status. */
    static int fail(Connection nats, ServiceMessage message, Throwable failure) {
        Problem problem;
        if (failure instanceof ProblemException p) {
            problem = p.problem();
        } else if (failure instanceof CallFailure.Problem p) {
            problem = p.problem();
        } else {
            String errorId = errorId();
            MDC.put(MDC_ERROR_ID, errorId);
            try {
                log.error("request failed subject={}", message.getSubject(), failure);
            } finally {
                MDC.remove(MDC_ERROR_ID);
            }
            Problem generic = Problem.of(500, "platform/internal-error", "Internal error", null);
            problem =
                    new Problem(generic.type(), generic.title(), 500, null, null, generic.code(), errorId, null, null);
        }
        String traceId = MDC.get(TraceContext.MDC_TRACE_ID);
        if (problem.traceId() == null && traceId != null) {
            problem = problem.withTraceId(traceId);
        }
        Headers headers = new Headers();
        headers.put(FaztHeaders.SERVICE_ERROR_CODE, Integer.toString(problem.status()));
        headers.put(FaztHeaders.SERVICE_ERROR, problem.title());
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(Problem.class));
        message.respond(nats, MessageCodec.INSTANCE.encode(problem), headers);
        return problem.status();
    }

    static String errorId() {
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
