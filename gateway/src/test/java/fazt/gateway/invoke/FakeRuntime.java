package fazt.gateway.invoke;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.Chunk;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.FaztHeaders;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime-svc stand-in for gateway tests, written to the invocation contract ({@link RuntimeSubjects}): it answers
 * {@code svc.runtime.invoke} in the {@code runtime} queue group, beats, pulls request bodies and holds response bodies
 * as chunk-pull streams. Paths choose the behaviour: {@code /api/hello}, {@code /api/echo} (streams the body back),
 * {@code /api/big?mb=N} (N MB of seeded bytes), {@code /api/slow} (beats, never answers), {@code /api/flaky...} (the
 * first attempt of each request id dies after one beat, a second one answers), {@code /api/vanish} (odd attempts of a
 * request id die before their first beat, even ones answer), {@code /api/problem} (an app error),
 * {@code /api/endless} (a body that never ends), {@code /api/badheader} (a header no HTTP allows).
 */
final class FakeRuntime implements AutoCloseable {
    static final String INSTANCE = "fake-runtime-1";

    private final Connection nats;
    private final Dispatcher dispatcher;
    private final BodyStreamHolder holder;
    final List<InvokeRequest> seen = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<BodyStreamHolder.HeldStream> held = new CopyOnWriteArrayList<>();
    final AtomicInteger endlessPulls = new AtomicInteger();

    FakeRuntime(Connection nats, SubjectRoot root) {
        this.nats = nats;
        this.holder = new BodyStreamHolder(nats, Duration.ofSeconds(1));
        this.dispatcher = nats.createDispatcher();
        dispatcher.subscribe(root.qualify(RuntimeSubjects.INVOKE), "runtime", message -> Thread.ofVirtual()
                .start(() -> handle(message)));
    }

    private void handle(Message message) {
        InvokeRequest request = MessageCodec.INSTANCE.decode(message.getData(), InvokeRequest.class);
        seen.add(request);
        int attempt = attempts.computeIfAbsent(request.requestId(), id -> new AtomicInteger())
                .incrementAndGet();
        String progress = message.getHeaders().getFirst(RuntimeSubjects.HEADER_PROGRESS);
        URI url = URI.create(request.url());
        if (url.getPath().startsWith("/api/flaky") && attempt == 1) {
            beat(progress);
            return; // died after its first beat
        }
        if (url.getPath().equals("/api/vanish") && attempt % 2 == 1) {
            return; // died before its first beat
        }
        Thread beats = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    beat(progress);
                    Thread.sleep(RuntimeSubjects.HEARTBEAT_MILLIS);
                }
            } catch (InterruptedException e) {
                // replied
            }
        });
        try {
            switch (url.getPath()) {
                case "/api/slow" -> Thread.sleep(60_000);
                case "/api/problem" ->
                    problem(
                            message,
                            Problem.of(
                                    500,
                                    "runtime/app-error",
                                    "App error",
                                    "ReferenceError: nope is not defined at api/main.js:4:9"));
                case "/api/echo" -> {
                    byte[] body;
                    try (InputStream in = request.bodyStream() == null
                            ? new ByteArrayInputStream(request.body() == null ? new byte[0] : request.body())
                            : new BodyStreamReader(nats, request.bodyStream(), Duration.ofSeconds(5))
                                    .inputStream(request.body())) {
                        body = in.readAllBytes();
                    }
                    reply(message, request, body, List.of(new HttpHeader("X-Sha256", sha256(body))), false);
                }
                case "/api/big" -> {
                    byte[] body = seeded(Integer.parseInt(url.getQuery().substring(3)) * 1024 * 1024);
                    reply(
                            message,
                            request,
                            body,
                            List.of(
                                    new HttpHeader("X-Sha256", sha256(body)),
                                    new HttpHeader("Content-Type", "application/octet-stream")),
                            false);
                }
                case "/api/endless" -> {
                    var stream = holder.register(new ChunkProducer() {
                        @Override
                        public CompletableFuture<Chunk> next(int maxBytes) {
                            endlessPulls.incrementAndGet();
                            return CompletableFuture.completedFuture(new Chunk(new byte[maxBytes], false));
                        }

                        @Override
                        public void close() {}
                    });
                    held.add(stream);
                    respond(
                            message,
                            new InvokeResponse(200, List.of(), new byte[1000], stream.subject(), false, INSTANCE));
                }
                case "/api/badheader" ->
                    respond(
                            message,
                            new InvokeResponse(
                                    200,
                                    List.of(new HttpHeader("X-Bad", "a\r\nSet-Cookie: evil=1")),
                                    new byte[0],
                                    null,
                                    false,
                                    INSTANCE));
                default ->
                    reply(
                            message,
                            request,
                            ("hello " + request.method()).getBytes(StandardCharsets.UTF_8),
                            List.of(
                                    new HttpHeader("Content-Type", "text/plain"),
                                    new HttpHeader("X-Seen-Request-Id", request.requestId()),
                                    new HttpHeader("Connection", "upgrade")),
                            true);
            }
        } catch (Exception e) {
            problem(message, Problem.of(500, "runtime/test-failure", "Test runtime failed", e.toString()));
        } finally {
            beats.interrupt();
        }
    }

    /** The first chunk inline; the rest held for pulls unless {@code inlineOnly}. */
    private void reply(
            Message message, InvokeRequest request, byte[] body, List<HttpHeader> headers, boolean inlineOnly) {
        int first = inlineOnly ? body.length : Math.min(body.length, RuntimeSubjects.CHUNK_SIZE);
        String stream = null;
        if (first < body.length) {
            var held = holder.register(ChunkProducer.of(Arrays.copyOfRange(body, first, body.length)));
            this.held.add(held);
            stream = held.subject();
        }
        respond(
                message,
                new InvokeResponse(200, new ArrayList<>(headers), Arrays.copyOf(body, first), stream, false, INSTANCE));
    }

    private void respond(Message message, InvokeResponse response) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(InvokeResponse.class));
        nats.publish(message.getReplyTo(), headers, MessageCodec.INSTANCE.encode(response));
    }

    private void problem(Message message, Problem problem) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.SERVICE_ERROR_CODE, Integer.toString(problem.status()));
        headers.put(FaztHeaders.SERVICE_ERROR, problem.title());
        nats.publish(message.getReplyTo(), headers, MessageCodec.INSTANCE.encode(problem));
    }

    private void beat(String progress) {
        Headers headers = new Headers();
        headers.put(RuntimeSubjects.HEADER_INSTANCE, INSTANCE);
        try {
            nats.publish(progress, headers, new byte[0]);
        } catch (IllegalStateException e) {
            // the test closed the connection while a handler still ran
        }
    }

    static byte[] seeded(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (dispatcher.isActive()) {
            nats.closeDispatcher(dispatcher);
        }
        holder.close();
        try {
            nats.flush(Duration.ofSeconds(2)); // the server has dropped the subscription when this returns
        } catch (Exception e) {
            // the connection is closing anyway
        }
    }
}
