package fazt.gateway.edge;

import fazt.gateway.admin.AdminForwarder;
import fazt.gateway.admin.AdminUploadStreamer;
import fazt.gateway.config.GatewayConfig;
import fazt.gateway.edge.intake.EdgeIntake;
import fazt.gateway.edge.intake.TrustedProxies;
import fazt.gateway.edge.socket.ConnectionGuard;
import fazt.gateway.edge.socket.ConnectionLimiter;
import fazt.gateway.edge.socket.DrainingClose;
import fazt.gateway.edge.socket.EdgeCodec;
import fazt.gateway.edge.socket.EdgeLimits;
import fazt.gateway.invoke.ApiRequestStreamer;
import fazt.gateway.invoke.FunctionConfig;
import fazt.gateway.routing.HostRouter;
import fazt.gateway.tls.TlsConfig;
import fazt.gateway.tls.TlsHandshakes;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.settings.SettingsException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP server on {@code FAZT_HTTP_PORT}: plain Netty (epoll where available), one acceptor thread and one
 * event loop per core. Each connection's pipeline: the connection caps, the socket deadlines, the HTTP codec, the
 * response order, keep-alive, the one intake that classifies every request (ADR 19), the two body streamers (admin
 * uploads, function bodies) and the handler that answers.
 * Handlers never block an event loop; work that waits (NATS) completes asynchronously.
 * With {@code FAZT_HTTPS_PORT} set, a second listener speaks TLS (ADR 28): SNI picks the certificate
 * ({@link TlsHandshakes}), and the same HTTP handlers join the pipeline once the handshake is done; plain HTTP may
 * then redirect to it ({@code FAZT_HTTP_REDIRECT}) and TLS answers carry HSTS ({@code FAZT_HSTS_MAX_AGE}).
 */
@Context
public final class EdgeServer {
    /** How long a stopping gateway lets in-flight responses finish. */
    static final long SHUTDOWN_QUIET_MS = 200;

    static final long SHUTDOWN_TIMEOUT_MS = 5000;
    /** How long a stopping gateway waits for the requests in flight on its connections (ADR 43). */
    static final long DRAIN_TIMEOUT_MS = 15_000;
    /** Concurrent HTTP/2 streams per connection. */
    static final int MAX_STREAMS = 100;

    private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
    private static final ResponseOrder RESPONSE_ORDER = new ResponseOrder();
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final Channel tlsChannel;
    private final ConnectionLimiter limiter;
    private final boolean reusePort;
    private final ChannelGroup connections = new DefaultChannelGroup("edge", GlobalEventExecutor.INSTANCE);

    EdgeServer(
            BootstrapSettings settings,
            EdgeHandler handler,
            HostRouter hosts,
            AdminForwarder admin,
            NatsRequester nats,
            GatewayConfig config,
            FunctionConfig functions,
            EdgeLimits limits,
            MeterRegistry metrics,
            TlsHandshakes tls,
            @Value("${gateway.edge.reuse-port:false}") boolean reusePort) {
        this.reusePort = reusePort;
        TrustedProxies proxies = TrustedProxies.parse(limits.trustedProxies());
        limiter = new ConnectionLimiter(limits, proxies);
        Gauge.builder("fazt.gateway.edge.connections", limiter, ConnectionLimiter::open)
                .description("Client connections open on the edge")
                .register(metrics);
        AdminOriginHeaders adminHeaders = new AdminOriginHeaders("admin." + settings.domain());
        Transport transport = Transport.best();
        acceptor = transport.group(1, "edge-accept");
        workers = transport.group(Runtime.getRuntime().availableProcessors(), "edge-io");
        TlsConfig tlsConfig = tls.config();
        StrictTransportSecurity hsts =
                tlsConfig.hstsMaxAge() > 0 ? new StrictTransportSecurity(tlsConfig.hstsMaxAge()) : null;
        if (tlsConfig.enabled()) {
            try {
                tlsChannel = bind(transport, tlsConfig.httpsPort(), new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.attr(ConnectionLimiter.QUIET).set(Boolean.TRUE);
                        connections.add(ch);
                        ch.pipeline().addLast(limiter).addLast(tls.sniHandler()).addLast(new HandshakeGate(gate -> {
                            SslHandler ssl = gate.pipeline().get(SslHandler.class);
                            if (ssl != null && TlsHandshakes.validation(ssl.applicationProtocol())) {
                                gate.close(); // an ACME TLS-ALPN-01 validation: the handshake was all of it
                            } else if (ssl != null
                                    && ApplicationProtocolNames.HTTP_2.equals(ssl.applicationProtocol())) {
                                http2(
                                        gate.pipeline(),
                                        gate.name(),
                                        limits,
                                        stream -> http(
                                                stream.pipeline(),
                                                null,
                                                handler,
                                                hosts,
                                                admin,
                                                nats,
                                                config,
                                                functions,
                                                limits,
                                                proxies,
                                                adminHeaders,
                                                -1,
                                                hsts,
                                                true));
                            } else {
                                http(
                                        gate.pipeline(),
                                        gate.name(),
                                        handler,
                                        hosts,
                                        admin,
                                        nats,
                                        config,
                                        functions,
                                        limits,
                                        proxies,
                                        adminHeaders,
                                        -1,
                                        hsts,
                                        false);
                            }
                        }));
                    }
                });
            } catch (Exception e) {
                shutdownGroups();
                throw new SettingsException(
                        "FAZT_HTTPS_PORT",
                        "cannot listen on port " + tlsConfig.httpsPort() + " (" + e.getMessage() + ")");
            }
            log.info("edge listening for TLS port={}", tlsPort());
        } else {
            tlsChannel = null;
        }
        int redirectPort = !tlsConfig.enabled() || !tlsConfig.redirect()
                ? -1
                : tlsConfig.publicPort() != null ? tlsConfig.publicPort() : tlsPort();
        try {
            channel = bind(transport, settings.httpPort(), new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ch.pipeline().addLast(limiter);
                    http(
                            ch.pipeline(),
                            null,
                            handler,
                            hosts,
                            admin,
                            nats,
                            config,
                            functions,
                            limits,
                            proxies,
                            adminHeaders,
                            redirectPort);
                }
            });
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) without declaring it.
            if (tlsChannel != null) {
                tlsChannel.close().syncUninterruptibly();
            }
            shutdownGroups();
            throw new SettingsException(
                    "FAZT_HTTP_PORT", "cannot listen on port " + settings.httpPort() + " (" + e.getMessage() + ")");
        }
        log.info("edge listening port={} transport={}", port(), transport.name());
    }

    private Channel bind(Transport transport, int port, ChannelInitializer<SocketChannel> initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap();
        if (reusePort) {
            transport.reusePort(bootstrap); // old and new gateway side by side during an upgrade (ADR 43)
        }
        return bootstrap
                .group(acceptor, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress(port))
                .syncUninterruptibly()
                .channel();
    }

    /**
     * The HTTP handlers of a connection, at the end of {@code pipeline} or, for TLS, after the handler named
     * {@code after} once the handshake is done: socket deadlines, codec, (HSTS), response order, keep-alive, the
     * intake, the two body streamers and the handler.
     */
    private static void http(
            ChannelPipeline pipeline,
            String after,
            EdgeHandler handler,
            HostRouter hosts,
            AdminForwarder admin,
            NatsRequester nats,
            GatewayConfig config,
            FunctionConfig functions,
            EdgeLimits limits,
            TrustedProxies proxies,
            AdminOriginHeaders adminHeaders,
            int redirectPort) {
        http(
                pipeline,
                after,
                handler,
                hosts,
                admin,
                nats,
                config,
                functions,
                limits,
                proxies,
                adminHeaders,
                redirectPort,
                null,
                false);
    }

    /**
     * An HTTP/2 connection (ADR 28) after the handler named {@code after}: closed when idle for the idle timeout,
     * at most {@link #MAX_STREAMS} streams at once and the edge's header limit; each stream is a child channel
     * that {@code stream} fills with the HTTP handlers, so the intake classifies it like an HTTP/1.1 request.
     */
    private static void http2(ChannelPipeline pipeline, String after, EdgeLimits limits, Consumer<Channel> stream) {
        pipeline.addAfter(
                        after, "h2-idle", new IdleStateHandler(0, 0, limits.idleTimeoutMillis(), TimeUnit.MILLISECONDS))
                .addAfter("h2-idle", "h2-idle-close", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                        if (event instanceof IdleStateEvent) {
                            ctx.close();
                        } else {
                            super.userEventTriggered(ctx, event);
                        }
                    }
                })
                .addAfter(
                        "h2-idle-close",
                        "h2",
                        Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings()
                                        .maxConcurrentStreams(MAX_STREAMS)
                                        .maxHeaderListSize(EdgeLimits.MAX_HEADER_BYTES))
                                .build())
                .addAfter("h2", "h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                        stream.accept(child);
                    }
                }));
    }

    private static void http(
            ChannelPipeline pipeline,
            String after,
            EdgeHandler handler,
            HostRouter hosts,
            AdminForwarder admin,
            NatsRequester nats,
            GatewayConfig config,
            FunctionConfig functions,
            EdgeLimits limits,
            TrustedProxies proxies,
            AdminOriginHeaders adminHeaders,
            int redirectPort,
            StrictTransportSecurity hsts,
            boolean http2Stream) {
        List<ChannelHandler> handlers = new ArrayList<>();
        handlers.add(new ConnectionGuard(limits));
        handlers.add(http2Stream ? new Http2StreamFrameToHttpObjectCodec(true) : new EdgeCodec());
        if (hsts != null) {
            handlers.add(hsts);
        }
        handlers.add(adminHeaders);
        handlers.add(RESPONSE_ORDER);
        if (!http2Stream) {
            handlers.add(new HttpServerKeepAliveHandler());
            handlers.add(new DrainingClose());
        }
        handlers.add(new EdgeIntake(hosts, proxies, functions.maxBodyBytes(), config.maxUploadBytes(), redirectPort));
        handlers.add(new AdminUploadStreamer(admin, nats));
        handlers.add(new ApiRequestStreamer());
        handlers.add(handler);
        String previous = after;
        for (ChannelHandler h : handlers) {
            if (previous == null) {
                pipeline.addLast(h);
            } else {
                String name = h.getClass().getSimpleName() + "#" + System.identityHashCode(h);
                pipeline.addAfter(previous, name, h);
                previous = name;
            }
        }
    }

    /** The HTTPS port the edge listens on (the configured one, or the free one picked for port 0); -1 without TLS. */
    public int tlsPort() {
        return tlsChannel == null ? -1 : ((InetSocketAddress) tlsChannel.localAddress()).getPort();
    }

    /** The port the edge listens on (the configured one, or the free one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Stops without failing a request (ADR 43): the listeners close first (with {@code FAZT_HTTP_REUSE_PORT} a new
     * gateway on the same port takes the new connections), then every HTTP/1.1 connection finishes the request it has
     * in flight and closes ({@link DrainingClose}); what is still open after {@link #DRAIN_TIMEOUT_MS} is closed.
     */
    @PreDestroy
    void stop() {
        channel.close().syncUninterruptibly();
        if (tlsChannel != null) {
            tlsChannel.close().syncUninterruptibly();
        }
        int open = connections.size();
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> {
                DrainingClose draining = connection.pipeline().get(DrainingClose.class);
                if (draining != null) {
                    draining.drain();
                } else if (connection.pipeline().get(Http2FrameCodec.class) != null) {
                    connection.close(); // HTTP/2: Netty sends GOAWAY and closes once the streams in flight end
                } else if (connection.pipeline().get(SslHandler.class) == null) {
                    connection.close(); // no HTTP handlers yet: no request in flight
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // polling the channel group: it has no "empty" event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (open > 0) {
            log.info("edge drained connections={} left={}", open, connections.size());
        }
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
