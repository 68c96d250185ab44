package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The responder behind a real socket and the edge's codec pipeline, with reads completing on another thread as NATS
 * replies do: what the embedded-channel tests cannot show (wire framing of HEAD, 304 and streamed bodies, keep-alive
 * reuse, the hop back to the event loop).
 */
class StaticResponderWireTest {
    private static final Map<String, ServedFile> FILES = new ConcurrentHashMap<>();
    private static final InMemoryBlobSource BLOBS = new InMemoryBlobSource();
    private static final ExecutorService NATS = Executors.newFixedThreadPool(2);
    private static final byte[] LARGE = new byte[9 * 1024 * 1024 + 7];
    private static EventLoopGroup group;
    private static Channel server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        new Random(42).nextBytes(LARGE);
        FILES.put("/movie.mp4", BLOBS.add("/movie.mp4", LARGE));
        FILES.put(
                "/app.js",
                BLOBS.add("/app.js", "console.log('hi');\n".repeat(500).getBytes()));
        BlobSource offThread = (digest, offset, length) -> CompletableFuture.supplyAsync(
                () -> BLOBS.read(digest, offset, length).join(), NATS);
        StaticResponder responder = new StaticResponder(offThread, new BodyCache(32L * 1024 * 1024));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpServerKeepAliveHandler(),
                                        new HttpObjectAggregator(65536),
                                        new SimpleChannelInboundHandler<FullHttpRequest>() {
                                            @Override
                                            protected void channelRead0(
                                                    ChannelHandlerContext ctx, FullHttpRequest request) {
                                                String path = request.uri();
                                                responder.respond(
                                                        ctx,
                                                        request,
                                                        FILES.get(path),
                                                        HttpResponseStatus.OK,
                                                        Map.of(),
                                                        HttpUtil.isKeepAlive(request));
                                            }
                                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        NATS.shutdownNow();
    }

    private static HttpRequest.Builder request(String path) {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    @Test
    void streamedBodyHeadAndNotModifiedShouldFrameCorrectlyOnOneConnection() throws Exception {
        HttpResponse<byte[]> get = http.send(request("/movie.mp4").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(LARGE);

        HttpResponse<byte[]> head = http.send(
                request("/movie.mp4")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.headers().firstValue("content-length")).hasValue(Integer.toString(LARGE.length));
        assertThat(head.body()).isEmpty();

        String etag = get.headers().firstValue("etag").orElseThrow();
        HttpResponse<byte[]> notModified = http.send(
                request("/movie.mp4").header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(notModified.statusCode()).isEqualTo(304);

        HttpResponse<byte[]> range = http.send(
                request("/movie.mp4").header("Range", "bytes=-10").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(LARGE, LARGE.length - 10, LARGE.length));

        HttpResponse<byte[]> gzip = http.send(
                request("/app.js").header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("content-encoding")).hasValue("gzip");
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes())).startsWith("console.log('hi');");
        }
    }
}
