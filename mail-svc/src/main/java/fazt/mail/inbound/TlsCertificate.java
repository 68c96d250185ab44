package fazt.mail.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.subethamail.smtp.server.SSLSocketCreator;

/**
 * The certificate STARTTLS presents: the gateway's for the SMTP host name once it has one, a self-signed one made in
 * memory at start until then. Swapping it affects new TLS sessions only.
 */
public final class TlsCertificate implements SSLSocketCreator {
    private volatile SSLContext context;
    private volatile String source;

    public TlsCertificate(String hostName) {
        KeyPair keys = ecKeys();
        X509Certificate self = selfSigned(keys, hostName);
        use(keys.getPrivate(), new X509Certificate[] {self}, "self-signed");
    }

    /** Uses the certificate chain {@code chainPem} (leaf first) with {@code keyPem} (PKCS#8). */
    public void use(String chainPem, String keyPem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate[] chain =
                factory
                        .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)))
                        .stream()
                        .map(c -> (X509Certificate) c)
                        .toArray(X509Certificate[]::new);
        if (chain.length == 0) {
            throw new GeneralSecurityException("no certificate in the chain");
        }
        use(privateKey(keyPem, chain[0].getPublicKey().getAlgorithm()), chain, "gateway");
    }

    /** Where the current certificate came from: {@code self-signed} or {@code gateway}. */
    public String source() {
        return source;
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket s = (SSLSocket)
                context.getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
        s.setUseClientMode(false);
        s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return s;
    }

    private void use(PrivateKey key, Certificate[] chain, String from) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("smtp", key, password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext fresh = SSLContext.getInstance("TLS");
            fresh.init(kmf.getKeyManagers(), null, new SecureRandom());
            context = fresh;
            source = from;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the STARTTLS context", e);
        }
    }

    private static PrivateKey privateKey(String pem, String algorithm) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys, String hostName) {
        X500Name subject = new X500Name("CN=" + hostName);
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    keys.getPublic());
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostName)));
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }
}
