package fazt.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * A real ACME CA for tests: Debian's {@code pebble} with {@code pebble-challtestsrv} as its DNS (every name resolves
 * to 127.0.0.1), on free loopback ports, validating HTTP-01 on {@code httpPort} (the gateway's plain port) and
 * TLS-ALPN-01 on {@code tlsPort} (the gateway's HTTPS port). Pebble 2.4 offers no renewal information (ARI). Pebble's
 * own TLS certificate is made here and is what {@link #caBundle()} trusts. Both processes are killed by
 * {@link #close()}.
 */
final class Pebble implements AutoCloseable {
    private final Path dir;
    private final int acmePort;
    private final int managementPort;
    private final List<Process> processes = new ArrayList<>();
    private final SSLContext directoryTrust;

    private Pebble(Path dir, int acmePort, int managementPort, SSLContext directoryTrust) {
        this.dir = dir;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.directoryTrust = directoryTrust;
    }

    static Pebble start(int httpPort, int tlsPort) throws Exception {
        return start(httpPort, tlsPort, "");
    }

    /** Pebble naming {@code ocspUrl} (empty: none) as the OCSP responder of what it issues. */
    static Pebble start(int httpPort, int tlsPort, String ocspUrl) throws Exception {
        AcmeClient.ensureBouncyCastle();
        Path dir = Files.createTempDirectory("fazt-pebble");
        KeyPair keys = KeyPairUtils.createECKeyPair("secp256r1");
        X509Certificate cert = selfSigned(keys, "localhost", "127.0.0.1");
        Files.writeString(dir.resolve("cert.pem"), Pem.chain(List.of(cert)));
        Files.writeString(dir.resolve("key.pem"), Pem.key(keys.getPrivate()));
        int acme = freePort(), management = freePort(), dns = freePort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "%s", "externalAccountBindingRequired": false}}
                """.formatted(
                        acme, management, dir.resolve("cert.pem"), dir.resolve("key.pem"), httpPort, tlsPort, ocspUrl));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("pebble", cert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Pebble pebble = new Pebble(dir, acme, management, context);
        try {
            pebble.run(
                    dir.resolve("challtestsrv.log"),
                    "pebble-challtestsrv",
                    "-defaultIPv4",
                    "127.0.0.1",
                    "-defaultIPv6",
                    "",
                    "-dns01",
                    "127.0.0.1:" + dns,
                    "-http01",
                    "",
                    "-https01",
                    "",
                    "-tlsalpn01",
                    "",
                    "-management",
                    "127.0.0.1:" + freePort());
            waitForPort(dns, true);
            pebble.run(
                    dir.resolve("pebble.log"),
                    "pebble",
                    "-config",
                    dir.resolve("pebble.json").toString(),
                    "-dnsserver",
                    "127.0.0.1:" + dns);
            waitForPort(acme, false);
            waitForPort(management, false);
        } catch (Exception e) {
            pebble.close();
            throw e;
        }
        return pebble;
    }

    private void run(Path log, String... command) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        processes.add(builder.start());
    }

    /** The ACME directory URL. */
    String directory() {
        return "https://127.0.0.1:" + acmePort + "/dir";
    }

    /** The ACME directory as pebble serves it (JSON), to see what it offers. */
    String directoryJson() throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .sslContext(directoryTrust)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(directory()))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    /** The PEM file that trusts pebble's own TLS (for {@code FAZT_ACME_CA_BUNDLE}). */
    String caBundle() {
        return dir.resolve("cert.pem").toString();
    }

    /** The intermediate pebble issues with (from its management endpoint). */
    X509Certificate intermediate() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(management("/intermediates/0")));
    }

    /** The intermediate's private key, PEM (pebble hands it out on its management interface, for tests like this). */
    String intermediateKeyPem() throws Exception {
        return new String(management("/intermediate-keys/0"), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private byte[] management(String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .sslContext(directoryTrust)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("pebble " + path + " answered " + response.statusCode());
            }
            return response.body();
        }
    }

    /** The root pebble issues under, from its management endpoint. */
    X509Certificate root() throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .sslContext(directoryTrust)
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("pebble /roots/0 answered " + response.statusCode());
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("pebble.log"));
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits (at most 15 s) until something listens on the loopback {@code port} (TCP; for DNS, UDP is not probed). */
    private static void waitForPort(int port, boolean dns) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException((dns ? "challtestsrv DNS" : "pebble") + " not listening on " + port);
    }

    static X509Certificate selfSigned(KeyPair keys, String dnsName, String ip) {
        return ip == null
                ? SelfSigned.of(keys, dnsName, Duration.ofDays(1), dnsName)
                : SelfSigned.of(keys, dnsName, Duration.ofDays(1), dnsName, ip);
    }
}
