package fazt.runtime.invoke;

import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * Answers {@link RuntimeSubjects#INVOKE} (queue group {@code runtime}, any instance): decodes the
 * {@link InvokeRequest}, beats to the caller's progress inbox while the handler runs, hands the {@link FunctionRunner}
 * the request body as a stream (inline chunk, then pulls from the gateway), and replies the response head with the
 * first body chunk inline and, when there is more, a body stream the gateway pulls. Problems from the runner (500 with
 * the JS message, 504 past the wall time) go back as ADR-32 problems.
 */
@Singleton
final class InvokeEndpoint implements RequestEndpoint {
    /** Pull timeout for request body chunks when the request names no deadline. */
    static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Largest response head (its headers as they travel, JSON-encoded): with the first body chunk it must fit
     * in one NATS message (1 MB by default), and no browser takes more.
     */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final FunctionRunner runner;
    private final Connection nats;
    private final Heartbeats heartbeats;
    private final ResponseStreams streams;

    InvokeEndpoint(FunctionRunner runner, Connection nats, Heartbeats heartbeats, ResponseStreams streams) {
        this.runner = runner;
        this.nats = nats;
        this.heartbeats = heartbeats;
        this.streams = streams;
    }

    @Override
    public String subject() {
        return RuntimeSubjects.INVOKE;
    }

    @Override
    public Object handle(IncomingRequest incoming) throws Exception {
        InvokeRequest request = incoming.body(InvokeRequest.class);
        check(request);
        try (Heartbeats.Beat beat = heartbeats.start(incoming.header(RuntimeSubjects.HEADER_PROGRESS));
                InputStream body = requestBody(request)) {
            FunctionResult result = runner.run(new FunctionCall(request, body));
            return respond(result);
        }
    }

    private static void check(InvokeRequest request) {
        String missing = request.method() == null || request.method().isBlank()
                ? "method"
                : request.url() == null || request.url().isBlank()
                        ? "url"
                        : request.appId() == null || request.appId().isBlank()
                                ? "appId"
                                : request.namespace() == null
                                                || request.namespace().isBlank()
                                        ? "namespace"
                                        : null;
        if (missing != null) {
            throw new ProblemException(new Problem(
                    Problem.TYPE_BASE + "runtime/bad-invocation",
                    "Bad invocation",
                    400,
                    "The invocation lacks its " + missing + ".",
                    null,
                    "runtime.bad_invocation",
                    null,
                    null,
                    List.of(new Problem.FieldError(missing, "required"))));
        }
    }

    private InputStream requestBody(InvokeRequest request) {
        byte[] inline = request.body() == null ? new byte[0] : request.body();
        if (request.bodyStream() == null || request.bodyStream().isBlank()) {
            return new ByteArrayInputStream(inline);
        }
        Duration timeout =
                request.timeoutMillis() > 0 ? Duration.ofMillis(request.timeoutMillis()) : DEFAULT_PULL_TIMEOUT;
        return new BodyStreamReader(nats, request.bodyStream(), timeout).inputStream(inline);
    }

    /** The head and first chunk inline; the rest, if any, held for pulls. */
    private InvokeResponse respond(FunctionResult result) throws Exception {
        ResponseBody body = result.body() == null ? ResponseBody.of(new byte[0]) : result.body();
        List<HttpHeader> headers = result.headers() == null ? List.of() : result.headers();
        int headBytes = MessageCodec.INSTANCE.encode(headers).length;
        if (headBytes > MAX_HEAD_BYTES) {
            body.close();
            throw new ProblemException(Problem.of(
                    502,
                    "gateway/bad-function-response",
                    "Bad function response",
                    "The app's function answered with headers of " + (headBytes >> 10) + " KB; at most "
                            + (MAX_HEAD_BYTES >> 10) + " KB are allowed."));
        }
        byte[] first;
        try {
            first = body.next(RuntimeSubjects.CHUNK_SIZE);
        } catch (Exception e) {
            body.close();
            throw e;
        }
        String stream = null;
        long length = body.length();
        if (first == null || (length >= 0 && first.length >= length)) {
            body.close();
        } else {
            stream = streams.hold(body, first.length);
        }
        return new InvokeResponse(
                result.status(),
                headers,
                first == null ? new byte[0] : first,
                stream,
                result.cold(),
                heartbeats.instance());
    }
}
