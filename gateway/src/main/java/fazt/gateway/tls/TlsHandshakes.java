package fazt.gateway.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * The first TLS handler of each HTTPS connection (ADR 28): Netty's {@link SniHandler} reads the ClientHello and asks
 * the {@link CertificateManager} for the name's certificate without blocking (an order on demand completes the
 * handshake later). The ClientHello (at most {@link #MAX_CLIENT_HELLO} bytes) must arrive within the handshake
 * timeout; a certificate ordered for it may take {@link TlsConfig#ORDER_WAIT_MILLIS} more; the handshake itself,
 * once the certificate is known, the handshake timeout again.
 */
@Singleton
public final class TlsHandshakes {
    /** Largest ClientHello read (post-quantum key shares and session tickets fit well within it). */
    static final int MAX_CLIENT_HELLO = 64 * 1024;

    private final CertificateManager certificates;
    private final TlsConfig config;

    TlsHandshakes(CertificateManager certificates, TlsConfig config) {
        this.certificates = certificates;
        this.config = config;
    }

    public ChannelHandler sniHandler() {
        AsyncMapping<String, SslContext> mapping = (name, promise) -> {
            certificates.certificateFor(name).whenComplete((served, failure) -> {
                if (failure != null) {
                    promise.tryFailure(failure);
                } else {
                    promise.trySuccess(served.context());
                }
            });
            return promise;
        };
        long handshake = config.handshakeTimeoutMillis();
        return new SniHandler(mapping, MAX_CLIENT_HELLO, TlsConfig.ORDER_WAIT_MILLIS + handshake) {
            private boolean hello;

            @Override
            public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
                super.handlerAdded(ctx);
                // the ClientHello itself within the handshake timeout; only an order may take longer
                ctx.executor()
                        .schedule(
                                () -> {
                                    if (!hello && !ctx.isRemoved()) {
                                        ctx.close();
                                    }
                                },
                                handshake,
                                TimeUnit.MILLISECONDS);
            }

            @Override
            protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) throws Exception {
                hello = true;
                return super.lookup(ctx, hostname);
            }

            @Override
            protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
                SslHandler handler = super.newSslHandler(context, allocator);
                handler.setHandshakeTimeoutMillis(handshake);
                return handler;
            }
        };
    }

    public TlsConfig config() {
        return config;
    }
}
