package fazt.mail;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.proto.ServiceName;
import fazt.proto.gateway.CertificateIssued;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.CertificateRequest;
import fazt.proto.gateway.GatewaySubjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STARTTLS's certificate: self-signed for the SMTP host name at start, then the gateway's once
 * {@code evt.gateway.certificate.issued} names the host: mail-svc asks {@code svc.gateway.certificate.get} (played
 * here by a test-local responder) and opens the key sealed with the master key.
 */
class MailTlsIT {
    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    @Test
    void starttlsServesSelfSignedUntilTheGatewayHasACertificate() throws Exception {
        assertThat(peer().getSubjectX500Principal().getName()).isEqualTo("CN=" + MailFixture.SMTP_HOST);
        assertThat(peer().getIssuerX500Principal()).isEqualTo(peer().getSubjectX500Principal());

        KeyPair keys = ecKeys();
        X509Certificate issued = certificate(keys, "CN=" + MailFixture.SMTP_HOST + ",O=gateway-issued");
        String chainPem = pem("CERTIFICATE", issued.getEncoded());
        String keyPem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        MasterKeyCipher cipher =
                new MasterKeyCipher(mail.suite().env().get("FAZT_MASTER_KEY"), GatewaySubjects.KEY_TRANSFER_INFO);
        MasterKeyCipher.Sealed sealed = cipher.seal(
                MailFixture.SMTP_HOST.getBytes(StandardCharsets.UTF_8), keyPem.getBytes(StandardCharsets.UTF_8));
        AtomicReference<CertificateRequest> asked = new AtomicReference<>();
        try (ServiceEndpoints gateway = ServiceEndpoints.start(
                mail.nats(),
                mail.suite().nats().root(),
                ServiceName.GATEWAY,
                "0.0.0-standin",
                "gateway-stand-in-" + UUID.randomUUID(),
                List.of(new RequestEndpoint() {
                    @Override
                    public String subject() {
                        return GatewaySubjects.CERTIFICATE_GET;
                    }

                    @Override
                    public Object handle(IncomingRequest request) {
                        CertificateRequest r = request.body(CertificateRequest.class);
                        asked.set(r);
                        return new CertificateReply(
                                true,
                                r.name(),
                                chainPem,
                                issued.getNotAfter().toInstant(),
                                sealed.keyVersion(),
                                sealed.nonce(),
                                sealed.ciphertext());
                    }
                }))) {
            EventStreams.declare(mail.nats(), mail.suite().nats().root(), ServiceName.GATEWAY);
            CertificateIssued event = new CertificateIssued(
                    UUID.randomUUID().toString(),
                    MailFixture.SMTP_HOST,
                    issued.getNotAfter().toInstant(),
                    Instant.now());
            new EventPublisher(mail.nats(), mail.suite().nats().root())
                    .publish(GatewaySubjects.CERTIFICATE_ISSUED, event, event.eventId());
            MailFixture.waitFor(
                    () -> {
                        try {
                            return peer().equals(issued);
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    Duration.ofSeconds(20));
            assertThat(asked.get().name()).isEqualTo(MailFixture.SMTP_HOST);
        }
    }

    /** The certificate STARTTLS presents now. */
    private static X509Certificate peer() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", mail.smtpPort())) {
            plain.setSoTimeout(10_000);
            InputStream in = plain.getInputStream();
            OutputStream out = plain.getOutputStream();
            read(in);
            out.write("EHLO client.test\r\n".getBytes(StandardCharsets.US_ASCII));
            read(in);
            out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(read(in)).startsWith("220");
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            try (SSLSocket tls = (SSLSocket)
                    context.getSocketFactory().createSocket(plain, MailFixture.SMTP_HOST, plain.getPort(), true)) {
                tls.startHandshake();
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        }
    }

    /** Reads one reply (its last line has a space after the code). */
    private static String read(InputStream in) throws IOException {
        StringBuilder all = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                all.append(line).append('\n');
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return all.toString();
                }
                line.setLength(0);
            } else if (b != '\r') {
                line.append((char) b);
            }
        }
        return all.toString();
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys, String subject) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.valueOf(now.toEpochMilli()),
                                Date.from(now.minusSeconds(3600)),
                                Date.from(now.plus(Duration.ofDays(90))),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
