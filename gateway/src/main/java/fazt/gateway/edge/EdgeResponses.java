package fazt.gateway.edge;

import fazt.gateway.edge.socket.LingeringClose;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/** Builds the edge's responses: JSON bodies, RFC 9457 problems, and the headers every response carries. */
public final class EdgeResponses {
    /** The problem {@code type} on a custom domain: names nothing (RFC 9457 section 4.2.1). */
    public static final String NEUTRAL_TYPE = "about:blank";

    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EdgeResponses() {}

    /** The caller's {@code X-Request-Id} when it is a sane token, else a new one. */
    public static String requestId(HttpRequest request) {
        String given = request.headers().get(REQUEST_ID);
        if (given != null && SAFE_REQUEST_ID.matcher(given).matches()) {
            return given;
        }
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body, TraceContext trace, String requestId) {
        return response(status, MessageCodec.INSTANCE.encode(body), "application/json", trace, requestId);
    }

    public static FullHttpResponse problem(Problem problem, String path, TraceContext trace, String requestId) {
        Problem full = problem.withInstance(path).withTraceId(trace.traceId());
        return response(
                HttpResponseStatus.valueOf(full.status()),
                MessageCodec.INSTANCE.encode(full),
                Problem.MEDIA_TYPE,
                trace,
                requestId);
    }

    /**
     * The problem answering {@code ex}: on a custom domain mapped to an app nothing names fazt (ADR 27), so the
     * {@code type} becomes {@value #NEUTRAL_TYPE} there (RFC 9457's "no further semantics"); the stable
     * {@code code} member still tells the kinds apart. On the install's own hosts the type is the stable fazt URI.
     */
    public static FullHttpResponse problem(Problem problem, Exchange ex) {
        return problem(neutral(problem, ex), ex.path(), ex.trace(), ex.requestId());
    }

    /** {@code problem} as a custom domain shows it: its {@code type} without the fazt URI. */
    static Problem neutral(Problem problem, Exchange ex) {
        if (!ex.customDomain() || problem.type() == null || !problem.type().startsWith(Problem.TYPE_BASE)) {
            return problem;
        }
        return new Problem(
                NEUTRAL_TYPE,
                problem.title(),
                problem.status(),
                problem.detail(),
                problem.instance(),
                problem.code(),
                problem.errorId(),
                problem.traceId(),
                problem.errors(),
                problem.extensions());
    }

    public static FullHttpResponse methodNotAllowed(String path, TraceContext trace, String requestId, String allow) {
        FullHttpResponse response = problem(
                Problem.of(405, "gateway/method-not-allowed", "Method not allowed", path + " accepts " + allow + "."),
                path,
                trace,
                requestId);
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        return response;
    }

    /** A 500 with an error id and no detail; the cause is logged once under the same id. */
    public static FullHttpResponse internalError(
            String path, TraceContext trace, String requestId, Throwable cause, Logger log) {
        return internalError(path, trace, requestId, cause, log, false);
    }

    /** {@link #internalError(String, TraceContext, String, Throwable, Logger)} answering {@code ex}. */
    public static FullHttpResponse internalError(Exchange ex, Throwable cause, Logger log) {
        return internalError(ex.path(), ex.trace(), ex.requestId(), cause, log, ex.customDomain());
    }

    private static FullHttpResponse internalError(
            String path, TraceContext trace, String requestId, Throwable cause, Logger log, boolean neutral) {
        String errorId = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        log.error("edge request failed errorId={} path={}", errorId, path, cause);
        Problem generic = Problem.of(500, "platform/internal-error", "Internal error", null);
        Problem problem = new Problem(
                neutral ? NEUTRAL_TYPE : generic.type(),
                generic.title(),
                500,
                null,
                path,
                generic.code(),
                errorId,
                trace.traceId(),
                null);
        return response(
                HttpResponseStatus.INTERNAL_SERVER_ERROR,
                MessageCodec.INSTANCE.encode(problem),
                Problem.MEDIA_TYPE,
                trace,
                requestId);
    }

    /** A redirect to {@code location}, with a tiny body for clients that show it. */
    public static FullHttpResponse redirect(String location, int status, TraceContext trace, String requestId) {
        FullHttpResponse response = response(
                HttpResponseStatus.valueOf(status),
                ("Moved to " + location + "\n").getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8",
                trace,
                requestId);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    /** A response of {@code body} with {@code contentType} (admin API answers). */
    public static FullHttpResponse body(
            HttpResponseStatus status, byte[] body, String contentType, TraceContext trace, String requestId) {
        return response(status, body, contentType, trace, requestId);
    }

    /** The problem for a failed call to another service: 503 when nobody answers, 504 when late, else the cause's. */
    public static FullHttpResponse upstreamFailure(Throwable failure, String what, Exchange ex, Logger log) {
        Throwable cause = NatsRequester.causeOf(failure);
        if (cause instanceof ProblemException p) {
            Problem problem = p.problem();
            return problem(problem, ex);
        }
        if (cause instanceof NatsRequester.NoResponderException) {
            return problem(
                    Problem.of(
                            503,
                            "gateway/service-unavailable",
                            "Service unavailable",
                            "The " + what + " service is not running. Try again shortly."),
                    ex);
        }
        if (cause instanceof TimeoutException) {
            return problem(
                    Problem.of(
                            504,
                            "gateway/service-timeout",
                            "Service timeout",
                            "The " + what + " service did not answer in time."),
                    ex);
        }
        return internalError(ex, cause, log);
    }

    private static FullHttpResponse response(
            HttpResponseStatus status, byte[] body, String contentType, TraceContext trace, String requestId) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set("X-Content-Type-Options", "nosniff")
                .set(REQUEST_ID, requestId)
                .set(FaztHeaders.TRACEPARENT, trace.header());
        return response;
    }

    /**
     * Writes {@code response} to a request whose body was not read (a refusal), then ends the connection with a
     * {@link LingeringClose}, so that a client still sending reads the answer rather than a reset.
     */
    public static void refuse(ChannelHandlerContext ctx, FullHttpResponse response, boolean head) {
        if (head) {
            response.content().clear();
        }
        HttpUtil.setKeepAlive(response, false);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // the connection ends here: its keep-alive handler would close it the moment the answer is written
        HttpServerKeepAliveHandler keepAlive = ctx.pipeline().get(HttpServerKeepAliveHandler.class);
        if (keepAlive != null) {
            ctx.pipeline().remove(keepAlive);
        }
        LingeringClose.after(ctx.writeAndFlush(response));
    }

    /** Writes {@code response}; HEAD drops the body but keeps its length; closes the connection unless kept alive. */
    public static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive, boolean head) {
        if (head) {
            response.content().clear();
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
