package fazt.gateway.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An OCSP responder for pebble's certificates, for tests: pebble 2.4 names an OCSP URL in what it issues
 * ({@code ocspResponderURL}) but answers none itself. This one signs "good" for every certificate asked about with
 * pebble's own intermediate key (from its management interface), as the CA's responder would. Answers GET and POST
 * (RFC 6960 appendix A); counts the requests.
 */
final class OcspResponder implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Pebble pebble;
    private X509Certificate issuer;
    private PrivateKey key;

    OcspResponder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The CA whose intermediate signs the answers (known once pebble runs). */
    void signFor(Pebble pebble) {
        this.pebble = pebble;
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] der;
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    der = in.readNBytes(16 * 1024);
                }
            } else {
                String path = exchange.getRequestURI().getRawPath().substring(1);
                der = Base64.getDecoder().decode(URLDecoder.decode(path, StandardCharsets.US_ASCII));
            }
            requests.incrementAndGet();
            byte[] response = respond(new OCSPReq(der));
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private synchronized byte[] respond(OCSPReq request) throws Exception {
        if (issuer == null) {
            issuer = pebble.intermediate();
            key = parseKey(pebble.intermediateKeyPem());
        }
        JcaBasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(
                issuer.getPublicKey(),
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(org.bouncycastle.cert.ocsp.CertificateID.HASH_SHA1));
        Instant now = Instant.now();
        for (Req one : request.getRequestList()) {
            builder.addResponse(
                    one.getCertID(),
                    CertificateStatus.GOOD,
                    Date.from(now.minus(Duration.ofMinutes(1))),
                    Date.from(now.plus(Duration.ofHours(1))));
        }
        String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        BasicOCSPResp basic = builder.build(
                new JcaContentSignerBuilder(algorithm).build(key),
                new X509CertificateHolder[] {new JcaX509CertificateHolder(issuer)},
                new Date());
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static PrivateKey parseKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return read instanceof PEMKeyPair pair
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) read);
        }
    }

    /** Whether {@code der} is a successful OCSP response saying "good" (what a client found stapled). */
    static boolean good(byte[] der) throws Exception {
        OCSPResp response = new OCSPResp(der);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return false;
        }
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        return basic.getResponses().length > 0 && basic.getResponses()[0].getCertStatus() == CertificateStatus.GOOD;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
