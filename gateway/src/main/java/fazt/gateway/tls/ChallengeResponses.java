package fazt.gateway.tls;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.gateway.ChallengeChanged;
import fazt.proto.gateway.GatewaySubjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import io.netty.handler.ssl.SslContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME challenge answers (ADR 28), in memory: HTTP-01 answers served at
 * {@code /.well-known/acme-challenge/<token>}, and TLS-ALPN-01 certificates (RFC 8737) served to a handshake for the
 * name that offers ALPN {@code acme-tls/1} ({@link #alpnContext}). The gateway that orders publishes each answer on
 * {@code evt.gateway.challenge.changed} (plain NATS, no queue group) and waits for the publication to be flushed
 * before it asks the CA to validate, so whichever gateway the CA reaches has it. Each gateway makes the TLS-ALPN-01
 * certificate itself from the name and key authorization (its key never crosses NATS).
 */
@Singleton
public final class ChallengeResponses implements ApplicationEventListener<StartupEvent> {
    /** Answers no gateway took down (an order that died) are bounded. */
    static final int MAX_ANSWERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ChallengeResponses.class);

    private final Map<String, String> answers = new ConcurrentHashMap<>();
    /** TLS-ALPN-01: the key authorization to answer per name. */
    private final Map<String, String> alpn = new ConcurrentHashMap<>();
    /** The challenge certificates made so far (on the first validation handshake, not on the NATS thread). */
    private final Map<String, AlpnAnswer> alpnMade = new ConcurrentHashMap<>();

    private final Object flushing = new Object();
    private final Connection nats;
    private final String subject;
    private Dispatcher dispatcher;

    ChallengeResponses(Connection nats, BootstrapSettings settings) {
        this.nats = nats;
        this.subject = settings.root().qualify(GatewaySubjects.CHALLENGE_CHANGED);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher = nats.createDispatcher(message -> {
            try {
                apply(MessageCodec.INSTANCE.decode(message.getData(), ChallengeChanged.class));
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("unreadable challenge event subject={}", message.getSubject());
            }
        });
        dispatcher.subscribe(subject);
    }

    /** The key authorization to answer for {@code token}, or null. */
    public String answer(String token) {
        return answers.get(token);
    }

    /**
     * The TLS-ALPN-01 context for a handshake naming {@code name} with ALPN {@code acme-tls/1}, or null. The first
     * call for an answer makes its certificate (an RSA key: tens of milliseconds), so it is called off the event loop.
     */
    public SslContext alpnContext(String name) {
        String keyAuthorization = alpn.get(name);
        if (keyAuthorization == null) {
            return null;
        }
        return alpnMade.compute(
                        name,
                        (n, made) -> made != null && made.keyAuthorization().equals(keyAuthorization)
                                ? made
                                : new AlpnAnswer(keyAuthorization, TlsAlpnCertificate.context(n, keyAuthorization)))
                .context();
    }

    private record AlpnAnswer(String keyAuthorization, SslContext context) {}

    void publish(String token, String keyAuthorization, boolean present) {
        publish(new ChallengeChanged(token, keyAuthorization, present));
    }

    /** Puts up (or takes down) the TLS-ALPN-01 answer for {@code name} on every gateway. */
    void publishAlpn(String name, String keyAuthorization, boolean present) {
        publish(new ChallengeChanged(name, keyAuthorization, present, name));
    }

    private void publish(ChallengeChanged change) {
        String token = change.token();
        apply(change);
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(ChallengeChanged.class));
        nats.publish(subject, headers, MessageCodec.INSTANCE.encode(change));
        try {
            // one flush at a time: parallel orders flushing at once exceed the client's outstanding pings, which
            // the NATS client takes for a dead connection and reconnects
            synchronized (flushing) {
                nats.flush(Duration.ofSeconds(5));
            }
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("challenge publication not flushed token={}", token);
        }
    }

    private void apply(ChallengeChanged change) {
        if (change.alpnName() != null) {
            String name = CertificateManager.canonical(change.alpnName());
            if (!change.present()) {
                alpn.remove(name);
                alpnMade.remove(name);
            } else if (alpn.size() < MAX_ANSWERS) {
                alpn.put(name, change.keyAuthorization());
            }
            return;
        }
        if (!change.present()) {
            answers.remove(change.token());
        } else if (answers.size() < MAX_ANSWERS) {
            answers.put(change.token(), change.keyAuthorization());
        }
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
