package fazt.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsyncMapping;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;

/**
 * The first TLS handler of each HTTPS connection (ADR 28): Netty's {@link SniHandler} reads the ClientHello and asks
 * the {@link CertificateManager} for the name's certificate without blocking (an order on demand completes the
 * handshake later). The ClientHello (at most {@link #MAX_CLIENT_HELLO} bytes) must arrive within the handshake
 * timeout; a certificate ordered for it may take {@link TlsConfig#ORDER_WAIT_MILLIS} more; the handshake itself,
 * once the certificate is known, the handshake timeout again. A ClientHello offering ALPN {@code acme-tls/1} is a CA
 * validating TLS-ALPN-01 (RFC 8737): it gets the challenge certificate from {@link ChallengeResponses}, never an
 * order or the name's own certificate, and the connection is closed once the handshake is done.
 */
@Singleton
public final class TlsHandshakes {
    /** Largest ClientHello read (post-quantum key shares and session tickets fit well within it). */
    static final int MAX_CLIENT_HELLO = 64 * 1024;
    /** Runs the handshakes' delegated tasks (an OCSP fetch may wait on the CA's responder) and challenge certificates. */
    private static final Executor DELEGATED = Executors.newVirtualThreadPerTaskExecutor();

    private final CertificateManager certificates;
    private final ChallengeResponses challenges;
    private final TlsConfig config;

    TlsHandshakes(CertificateManager certificates, ChallengeResponses challenges, TlsConfig config) {
        this.certificates = certificates;
        this.challenges = challenges;
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
            private boolean validation;

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
            protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
                validation = ClientHelloAlpn.offers(clientHello, TlsAlpnCertificate.PROTOCOL);
                return super.lookup(ctx, clientHello);
            }

            @Override
            protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) throws Exception {
                hello = true;
                if (validation) {
                    // a CA validating TLS-ALPN-01: the challenge certificate (made off the event loop), or no
                    // handshake at all
                    Promise<SslContext> answer = ctx.executor().newPromise();
                    DELEGATED.execute(() -> {
                        try {
                            SslContext context = hostname == null
                                    ? null
                                    : challenges.alpnContext(CertificateManager.canonical(hostname));
                            if (context != null) {
                                answer.trySuccess(context);
                            } else {
                                answer.tryFailure(new SSLHandshakeException("no acme-tls/1 answer"));
                            }
                        } catch (RuntimeException e) {
                            answer.tryFailure(e);
                        }
                    });
                    return answer;
                }
                return super.lookup(ctx, hostname);
            }

            @Override
            protected SslHandler newSslHandler(SslContext context, ByteBufAllocator allocator) {
                // delegated tasks (key exchange, an OCSP fetch for stapling) off the event loop
                SslHandler handler = context.newHandler(allocator, DELEGATED);
                handler.setHandshakeTimeoutMillis(handshake);
                return handler;
            }
        };
    }

    /** Whether the connection's handshake negotiated {@code acme-tls/1}: a validation, to close without HTTP. */
    public static boolean validation(String applicationProtocol) {
        return TlsAlpnCertificate.PROTOCOL.equals(applicationProtocol);
    }

    public TlsConfig config() {
        return config;
    }
}
