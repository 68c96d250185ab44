package fazt.gateway.tls;

import fazt.gateway.GatewayService;
import fazt.platform.service.testing.TestSuite;
import java.io.IOException;

/**
 * The processes behind an {@link HttpsFixture}, started in order and closed in reverse: an {@link OcspResponder} when
 * asked, a real {@link Pebble} (none when the CA is to be down: the directory is then a loopback port nothing listens
 * on), and the gateway alone with HTTPS on, ordering from that Pebble.
 */
final class HttpsProcesses implements AutoCloseable {
    private final int httpPort;
    private final int httpsPort;
    private OcspResponder responder;
    private Pebble pebble;
    private TestSuite suite;

    private HttpsProcesses() throws IOException {
        httpPort = Pebble.freePort();
        httpsPort = Pebble.freePort();
    }

    /**
     * Starts them: {@code challenge} null lets the gateway choose (pebble validates HTTP-01 on the gateway's HTTP
     * port), else the gateway is told to use it and pebble's HTTP-01 port leads nowhere.
     */
    static HttpsProcesses start(boolean caDown, String challenge, boolean ocsp) throws Exception {
        HttpsProcesses processes = new HttpsProcesses();
        try {
            processes.startAll(caDown, challenge, ocsp);
            return processes;
        } catch (Exception e) {
            processes.close();
            throw e;
        }
    }

    private void startAll(boolean caDown, String challenge, boolean ocsp) throws Exception {
        String directory;
        if (caDown) {
            directory = "https://127.0.0.1:" + Pebble.freePort() + "/dir";
        } else {
            if (ocsp) {
                responder = new OcspResponder();
            }
            pebble = Pebble.start(
                    challenge == null ? httpPort : Pebble.freePort(), httpsPort, ocsp ? responder.url() : "");
            if (ocsp) {
                responder.signFor(pebble);
            }
            directory = pebble.directory();
        }
        suite = TestSuite.of(new GatewayService())
                .with("FAZT_DOMAIN", HttpsFixture.DOMAIN)
                .with("FAZT_HTTP_PORT", Integer.toString(httpPort))
                .with("FAZT_HTTPS_PORT", Integer.toString(httpsPort))
                .with("FAZT_HTTP_REDIRECT", "true")
                .with("FAZT_HSTS_MAX_AGE", Long.toString(HttpsFixture.HSTS_MAX_AGE))
                .with("FAZT_TLS_HANDSHAKE_TIMEOUT_MS", Long.toString(HttpsFixture.HANDSHAKE_TIMEOUT_MS))
                .with("FAZT_HTTP_BODY_TIMEOUT_MS", Long.toString(HttpsFixture.BODY_TIMEOUT_MS))
                .with("FAZT_ACME_DIRECTORY", directory)
                .with("FAZT_ACME_EMAIL", "ops@" + HttpsFixture.DOMAIN);
        if (pebble != null) {
            suite.with("FAZT_ACME_CA_BUNDLE", pebble.caBundle());
        }
        if (challenge != null) {
            suite.with("FAZT_ACME_CHALLENGE", challenge);
        }
        suite.start();
    }

    TestSuite suite() {
        return suite;
    }

    Pebble pebble() {
        return pebble;
    }

    OcspResponder responder() {
        return responder;
    }

    int httpPort() {
        return httpPort;
    }

    @Override
    public void close() throws Exception {
        try {
            if (suite != null) {
                suite.close();
            }
        } finally {
            try {
                if (pebble != null) {
                    pebble.close();
                }
            } finally {
                if (responder != null) {
                    responder.close();
                }
            }
        }
    }
}
