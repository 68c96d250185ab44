package fazt.gateway.edge;

import fazt.gateway.admin.AdminForwarder;
import fazt.gateway.admin.AdminUploadStreamer;
import fazt.gateway.config.GatewayConfig;
import fazt.gateway.edge.intake.EdgeIntake;
import fazt.gateway.edge.intake.TrustedProxies;
import fazt.gateway.edge.socket.ConnectionGuard;
import fazt.gateway.edge.socket.ConnectionLimiter;
import fazt.gateway.edge.socket.EdgeCodec;
import fazt.gateway.edge.socket.EdgeLimits;
import fazt.gateway.invoke.ApiRequestStreamer;
import fazt.gateway.invoke.FunctionConfig;
import fazt.gateway.routing.HostRouter;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.SettingsException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import jakarta.annotation.PreDestroy;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public HTTP server on {@code FAZT_HTTP_PORT}: plain Netty (epoll where available), one acceptor thread and one
 * event loop per core. Each connection's pipeline: the connection caps, the socket deadlines, the HTTP codec, the
 * response order, keep-alive, the one intake that classifies every request (ADR 19), the two body streamers (admin
 * uploads, function bodies) and the handler that answers.
 * Handlers never block an event loop; work that waits (NATS) completes asynchronously.
 */
@Context
public final class EdgeServer {
    /** How long a stopping gateway lets in-flight responses finish. */
    static final long SHUTDOWN_QUIET_MS = 200;

    static final long SHUTDOWN_TIMEOUT_MS = 5000;

    private static final Logger log = LoggerFactory.getLogger(EdgeServer.class);
    private static final ResponseOrder RESPONSE_ORDER = new ResponseOrder();
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final ConnectionLimiter limiter;

    EdgeServer(
            BootstrapSettings settings,
            EdgeHandler handler,
            HostRouter hosts,
            AdminForwarder admin,
            NatsRequester nats,
            GatewayConfig config,
            FunctionConfig functions,
            EdgeLimits limits,
            MeterRegistry metrics) {
        TrustedProxies proxies = TrustedProxies.parse(limits.trustedProxies());
        limiter = new ConnectionLimiter(limits, proxies);
        Gauge.builder("fazt.edge.connections", limiter, ConnectionLimiter::open)
                .description("Client connections open on the edge")
                .register(metrics);
        AdminOriginHeaders adminHeaders = new AdminOriginHeaders("admin." + settings.domain());
        Transport transport = Transport.best();
        acceptor = transport.group(1, "edge-accept");
        workers = transport.group(Runtime.getRuntime().availableProcessors(), "edge-io");
        try {
            channel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(limiter)
                                    .addLast(new ConnectionGuard(limits))
                                    .addLast(new EdgeCodec())
                                    .addLast(adminHeaders)
                                    .addLast(RESPONSE_ORDER)
                                    .addLast(new HttpServerKeepAliveHandler())
                                    .addLast(new EdgeIntake(
                                            hosts, proxies, functions.maxBodyBytes(), config.maxUploadBytes()))
                                    .addLast(new AdminUploadStreamer(admin, nats))
                                    .addLast(new ApiRequestStreamer())
                                    .addLast(handler);
                        }
                    })
                    .bind(new InetSocketAddress(settings.httpPort()))
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) without declaring it.
            shutdownGroups();
            throw new SettingsException(
                    "FAZT_HTTP_PORT", "cannot listen on port " + settings.httpPort() + " (" + e.getMessage() + ")");
        }
        log.info("edge listening port={} transport={}", port(), transport.name());
    }

    /** The port the edge listens on (the configured one, or the free one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @PreDestroy
    void stop() {
        channel.close().syncUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
