package fazt.mail.messaging;

import fazt.mail.config.MailConfig;
import fazt.mail.inbound.TlsCertificate;
import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.proto.ServiceName;
import fazt.proto.gateway.CertificateIssued;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.CertificateRequest;
import fazt.proto.gateway.GatewaySubjects;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps STARTTLS on the gateway's certificate for the SMTP host name (ADR 30): asks
 * {@code svc.gateway.certificate.get} at start (again every {@link #RETRY} until the gateway answers) and whenever
 * {@code evt.gateway.certificate.issued} names the host; the key arrives sealed with the master key for
 * {@link GatewaySubjects#KEY_TRANSFER_INFO}, the name as associated data. Until then the self-signed certificate of
 * {@link TlsCertificate} serves.
 */
@Singleton
final class CertificateWatcher implements BackgroundWork, EventConsumer<CertificateIssued> {
    static final String CONSUMER = "mail-certificates";
    static final Duration RETRY = Duration.ofSeconds(30);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(CertificateWatcher.class);

    private final NatsRequester requester;
    private final TlsCertificate tls;
    private final MasterKeyCipher cipher;
    private final String hostName;

    CertificateWatcher(NatsRequester requester, TlsCertificate tls, BootstrapSettings settings, MailConfig config) {
        this.requester = requester;
        this.tls = tls;
        this.cipher = new MasterKeyCipher(settings.masterKey(), GatewaySubjects.KEY_TRANSFER_INFO);
        this.hostName = config.smtpHostName();
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.untilDone("mail-certificate", RETRY, this::fetch);
    }

    @Override
    public ConsumerSpec<CertificateIssued> spec() {
        return ConsumerSpec.broadcast(
                CONSUMER, ServiceName.GATEWAY, GatewaySubjects.CERTIFICATE_ISSUED, CertificateIssued.class);
    }

    @Override
    public void handle(CertificateIssued issued) throws Exception {
        if (hostName.equalsIgnoreCase(issued.name())) {
            fetch();
        }
    }

    /** Asks the gateway; uses the certificate when it has one. Throws when the gateway does not answer. */
    void fetch() throws Exception {
        CertificateReply reply = requester.call(
                GatewaySubjects.CERTIFICATE_GET, new CertificateRequest(hostName), CertificateReply.class, TIMEOUT);
        if (!reply.found()) {
            log.info("smtp certificate: the gateway has none for host={} yet; self-signed meanwhile", hostName);
            return;
        }
        byte[] key = cipher.open(
                hostName.getBytes(StandardCharsets.UTF_8),
                new MasterKeyCipher.Sealed(reply.keyVersion(), reply.keyNonce(), reply.keySealed()));
        tls.use(reply.chainPem(), new String(key, StandardCharsets.UTF_8));
        log.info("smtp certificate loaded from the gateway host={} notAfter={}", hostName, reply.notAfter());
    }
}
