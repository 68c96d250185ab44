package fazt.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.bodystream.BodyStreamHolder;
import fazt.platform.bodystream.BodyStreamReader;
import fazt.platform.bodystream.ChunkProducer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The invocation transport of runtime-svc over real NATS, with the test plays the gateway: heartbeats, bodies streamed
 * both ways, problems passed through, draining on shutdown. The handler is {@link EchoRunner}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvokeEndpointIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(EchoRunner.service());

    private static Connection gateway;
    private static BodyStreamHolder requestBodies;

    @BeforeAll
    static void connect() throws Exception {
        gateway = suite.nats().connect();
        requestBodies = new BodyStreamHolder(gateway);
    }

    @AfterAll
    static void close() throws Exception {
        requestBodies.close();
        gateway.close();
    }

    private static InvokeRequest request(String method, String path, byte[] body, String bodyStream) {
        return new InvokeRequest(
                "req-1",
                "app_1",
                "blog",
                3,
                "ns_1",
                "http",
                method,
                "https://blog.localhost" + path,
                List.of(),
                body,
                bodyStream,
                -1,
                "127.0.0.1",
                10_000);
    }

    /** Sends the invocation with a progress inbox; records the heartbeats that arrive. */
    private static CompletableFuture<Message> invoke(InvokeRequest request, List<Message> beats) {
        String progress = gateway.createInbox();
        gateway.createDispatcher(beats::add).subscribe(progress);
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(InvokeRequest.class));
        headers.put(RuntimeSubjects.HEADER_PROGRESS, progress);
        return gateway.requestWithTimeout(
                NatsMessage.builder()
                        .subject(suite.nats().root().qualify(RuntimeSubjects.INVOKE))
                        .headers(headers)
                        .data(MessageCodec.INSTANCE.encode(request))
                        .build(),
                Duration.ofSeconds(20));
    }

    private static InvokeResponse decode(Message reply) {
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isNull();
        return MessageCodec.INSTANCE.decode(reply.getData(), InvokeResponse.class);
    }

    @Test
    @Order(1)
    void aSmallBodyComesInlineWithoutAStream() throws Exception {
        InvokeResponse response = decode(invoke(request("GET", "/api/hello", null, null), new CopyOnWriteArrayList<>())
                .get(10, TimeUnit.SECONDS));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body())).isEqualTo("hello");
        assertThat(response.bodyStream()).isNull();
        assertThat(response.instance()).isNotBlank();
    }

    @Test
    @Order(2)
    void tenMegabytesGoUpAndComeBackWholeInChunks() throws Exception {
        byte[] body = new byte[10 * 1024 * 1024 + 3];
        new Random(7).nextBytes(body);
        byte[] inline = Arrays.copyOf(body, RuntimeSubjects.CHUNK_SIZE);
        var held = requestBodies.register(ChunkProducer.of(Arrays.copyOfRange(body, inline.length, body.length)));
        InvokeResponse response =
                decode(invoke(request("POST", "/api/echo", inline, held.subject()), new CopyOnWriteArrayList<>())
                        .get(20, TimeUnit.SECONDS));
        assertThat(held.done().get(1, TimeUnit.SECONDS)).isEqualTo(BodyStreamHolder.Outcome.COMPLETED);
        assertThat(response.headers()).anySatisfy(h -> assertThat(h.value()).isEqualTo(Integer.toString(body.length)));
        assertThat(response.bodyStream()).isNotNull();
        assertThat(response.body()).hasSize(100_000);
        byte[] back;
        try (InputStream in = new BodyStreamReader(gateway, response.bodyStream(), Duration.ofSeconds(5))
                .inputStream(response.body())) {
            back = in.readAllBytes();
        }
        assertThat(MessageDigest.getInstance("SHA-256").digest(back))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(suite.service(ServiceName.RUNTIME)
                        .context()
                        .getBean(ResponseStreams.class)
                        .open())
                .isZero();
    }

    @Test
    @Order(3)
    void aLongHandlerBeatsEverySecond() throws Exception {
        List<Message> beats = new CopyOnWriteArrayList<>();
        InvokeResponse response = decode(
                invoke(request("GET", "/api/slow?ms=2300", null, null), beats).get(10, TimeUnit.SECONDS));
        assertThat(new String(response.body())).isEqualTo("done");
        assertThat(response.cold()).isTrue();
        // one a second from the first second on (none at once: a quick reply needs none, see Heartbeats)
        assertThat(beats).hasSizeBetween(2, 3);
        assertThat(beats.getFirst().getHeaders().getFirst(RuntimeSubjects.HEADER_INSTANCE))
                .isEqualTo(response.instance());
    }

    @Test
    @Order(4)
    void anAppErrorIsPassedBackAsItsProblem() throws Exception {
        Message reply = invoke(request("GET", "/api/fail", null, null), new CopyOnWriteArrayList<>())
                .get(10, TimeUnit.SECONDS);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
        Problem problem = MessageCodec.INSTANCE.decode(reply.getData(), Problem.class);
        assertThat(problem.type()).isEqualTo("https://errors.fazt.dev/runtime/app-error");
        assertThat(problem.detail()).contains("api/main.js:3:7");
    }

    @Test
    @Order(4)
    void aResponseHeadOverTheLimitIsABadFunctionResponse() throws Exception {
        Message reply = invoke(request("GET", "/api/big-head", null, null), new CopyOnWriteArrayList<>())
                .get(10, TimeUnit.SECONDS);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("502");
        Problem problem = MessageCodec.INSTANCE.decode(reply.getData(), Problem.class);
        assertThat(problem.type()).isEqualTo("https://errors.fazt.dev/gateway/bad-function-response");
        assertThat(problem.detail()).contains("64 KB");
    }

    @Test
    @Order(5)
    void anInvocationWithoutItsAppIsA400NamingTheField() throws Exception {
        InvokeRequest bad = new InvokeRequest(
                "r", null, "blog", 1, "ns", "http", "GET", "https://x/api/hello", List.of(), null, null, 0, null, 1000);
        Message reply = invoke(bad, new CopyOnWriteArrayList<>()).get(10, TimeUnit.SECONDS);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("400");
        assertThat(MessageCodec.INSTANCE.decode(reply.getData(), Problem.class).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("appId");
    }

    @Test
    @Order(6)
    void aReaderCancellingAResponseStreamClosesTheBodyAtOnce() throws Exception {
        InvokeResponse response =
                decode(invoke(request("GET", "/api/endless", null, null), new CopyOnWriteArrayList<>())
                        .get(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closed = EchoRunner.endlessClosed;
        BodyStreamReader reader = new BodyStreamReader(gateway, response.bodyStream(), Duration.ofSeconds(5));
        assertThat(reader.pull().get(5, TimeUnit.SECONDS).data()).isNotEmpty();
        reader.cancel(); // the client left
        // well before the holder's idle time (30 s) would drop it
        closed.get(10, TimeUnit.SECONDS);
        assertThat(suite.service(ServiceName.RUNTIME)
                        .context()
                        .getBean(ResponseStreams.class)
                        .open())
                .isZero();
    }

    @Test
    @Order(6)
    void aRequestBodyWhoseHolderVanishedFailsTheInvocationFast() throws Exception {
        long started = System.nanoTime();
        Message reply = invoke(
                        request("POST", "/api/echo", new byte[10], gateway.createInbox()), new CopyOnWriteArrayList<>())
                .get(10, TimeUnit.SECONDS);
        assertThat(reply.getHeaders().getFirst(FaztHeaders.SERVICE_ERROR_CODE)).isEqualTo("500");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @Order(10)
    void aStoppingInstanceFinishesTheInvocationsAndResponseBodiesInFlight() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(body);
        var held = requestBodies.register(ChunkProducer.of(Arrays.copyOfRange(body, 1000, body.length)));
        InvokeResponse streaming = decode(invoke(
                        request("POST", "/api/echo", Arrays.copyOf(body, 1000), held.subject()),
                        new CopyOnWriteArrayList<>())
                .get(20, TimeUnit.SECONDS));
        CompletableFuture<Message> inFlight =
                invoke(request("GET", "/api/slow?ms=1500", null, null), new CopyOnWriteArrayList<>());
        Thread.sleep(300);
        Thread stopper = Thread.ofVirtual().start(() -> suite.stop(ServiceName.RUNTIME));
        assertThat(new String(decode(inFlight.get(10, TimeUnit.SECONDS)).body()))
                .isEqualTo("done");
        byte[] back;
        try (InputStream in = new BodyStreamReader(gateway, streaming.bodyStream(), Duration.ofSeconds(5))
                .inputStream(streaming.body())) {
            back = in.readAllBytes();
        }
        assertThat(back).isEqualTo(body);
        stopper.join(15_000);
        assertThat(stopper.isAlive()).isFalse();
    }
}
