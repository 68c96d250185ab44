package fazt.gateway.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsyncMapping;
import jakarta.inject.Singleton;

/**
 * The first TLS handler of each HTTPS connection (ADR 28): Netty's {@link SniHandler} reads the ClientHello and asks
 * the {@link CertificateManager} for the name's certificate without blocking (an order on demand completes the
 * handshake later). The ClientHello and a certificate ordered for it may take {@link TlsConfig#ORDER_WAIT_MILLIS}
 * plus the handshake timeout; the handshake itself, once the certificate is known, the handshake timeout.
 */
@Singleton
public final class TlsHandshakes {
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
        return new SniHandler(mapping, TlsConfig.ORDER_WAIT_MILLIS + handshake) {
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
