package fazt.gateway.tls;

import fazt.gateway.edge.EdgeServer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.CertificateRequest;
import fazt.proto.gateway.GatewaySubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway alone (ADR 26) with HTTPS on, ordering from a real {@link Pebble} started for the class (both started
 * by {@link HttpsProcesses}), and a stand-in deploy-svc on NATS that knows the apps in {@link #deploy}. {@link #https} speaks HTTP/1.1 over TLS to the
 * gateway's TLS port on 127.0.0.1 with a chosen SNI name, verifying the chain against a given root and the name.
 */
final class HttpsFixture implements BeforeAllCallback, AfterAllCallback {
    /** Not under {@code .test}: names there are never ordered ({@link ReservedNames}); {@link TestNames} resolves it. */
    static final String DOMAIN = "fazt.example.net";
    /** The default SMTP host name, {@code mail.<domain>}: ordered at start. */
    static final String SMTP_HOST = "mail." + DOMAIN;

    static final long HSTS_MAX_AGE = 600;
    static final long HANDSHAKE_TIMEOUT_MS = 5000;
    /** A request body may stall this long (a stalled HTTP/2 stream gets its 408 after it). */
    static final long BODY_TIMEOUT_MS = 2000;

    private final Set<String> apps = ConcurrentHashMap.newKeySet();
    private final boolean caDown;
    private final String challenge;
    private final boolean ocsp;
    private HttpsProcesses processes;
    private TestSuite suite;
    private Connection nats;

    HttpsFixture() {
        this(false, null, false);
    }

    private HttpsFixture(boolean caDown, String challenge, boolean ocsp) {
        this.caDown = caDown;
        this.challenge = challenge;
        this.ocsp = ocsp;
    }

    /** Pebble naming an {@link OcspResponder} (started for the class) in the certificates it issues. */
    static HttpsFixture withOcspResponder() {
        return new HttpsFixture(false, null, true);
    }

    /**
     * The gateway validating by {@code FAZT_ACME_CHALLENGE=tls-alpn-01}; pebble's HTTP-01 port leads nowhere, so only
     * TLS-ALPN-01 on the HTTPS port can succeed.
     */
    static HttpsFixture withTlsAlpnOnly() {
        return new HttpsFixture(false, TlsConfig.TLS_ALPN_01, false);
    }

    /** The gateway with its CA unreachable: the directory is a loopback port nothing listens on, and no pebble. */
    static HttpsFixture withTheCaDown() {
        return new HttpsFixture(true, null, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        processes = HttpsProcesses.start(caDown, challenge, ocsp);
        suite = processes.suite();
        try {
            nats = suite.nats().connect();
            nats.createDispatcher().subscribe(suite.nats().root().qualify(DeploySubjects.SITE_GET), "deploy", m -> {
                String name = MessageCodec.INSTANCE
                        .decode(m.getData(), SiteRequest.class)
                        .name();
                Headers headers = new Headers();
                headers.put(FaztHeaders.TYPE, MessageCodec.typeId(SiteReply.class));
                nats.publish(
                        m.getReplyTo(),
                        headers,
                        MessageCodec.INSTANCE.encode(
                                apps.contains(name)
                                        ? new SiteReply(
                                                true,
                                                "a_" + name,
                                                name,
                                                1,
                                                "site/a_" + name + "/ns",
                                                null,
                                                null,
                                                null,
                                                Instant.now(),
                                                false)
                                        : SiteReply.notFound()));
            });
            nats.flush(Duration.ofSeconds(5));
        } catch (Exception e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (nats != null) {
                nats.close();
            }
        } finally {
            if (processes != null) {
                processes.close();
            }
        }
    }

    /** Deploy-svc announces that custom domain {@code domain} changed to {@code state}. */
    void domainChanged(DomainChanged.Change change, String domain, DomainState state) throws Exception {
        DomainChanged event = new DomainChanged(
                UUID.randomUUID().toString(),
                change,
                new MappedDomain(domain, "a_shop", "shop", state, state == DomainState.VERIFIED ? Instant.now() : null),
                Instant.now());
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(DomainChanged.class));
        nats.publish(
                suite.nats().root().qualify(DeploySubjects.domainEvent(change)),
                headers,
                MessageCodec.INSTANCE.encode(event));
        nats.flush(Duration.ofSeconds(5));
    }

    /**
     * The gateway's admin endpoint called as the gateway's admin forwarder calls it, for an {@code admin} caller:
     * the answer, or the problem it refused with.
     */
    Object admin(String method, String path, String body) throws Exception {
        Principal admin = new Principal("u_admin", "admin", List.of("admin"), "token");
        try {
            return new NatsRequester(nats, suite.nats().root())
                    .request(
                            AdminSubjects.of(ServiceName.GATEWAY),
                            new AdminRequest(
                                    method,
                                    path,
                                    Map.of(),
                                    suite.sign(admin),
                                    body == null ? null : "application/json",
                                    body,
                                    null,
                                    "r"),
                            AdminResponse.class,
                            Duration.ofSeconds(10))
                    .get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException problem) {
                return problem.problem();
            }
            throw e;
        }
    }

    /** What the gateway answers mail-svc on {@code svc.gateway.certificate.get} for {@code name}. */
    CertificateReply certificateGet(String name) throws Exception {
        return new NatsRequester(nats, suite.nats().root())
                .request(
                        GatewaySubjects.CERTIFICATE_GET,
                        new CertificateRequest(name),
                        CertificateReply.class,
                        Duration.ofSeconds(10))
                .get();
    }

    /** The suite's master key (mail-svc holds the same). */
    String masterKey() {
        return suite.env().get("FAZT_MASTER_KEY");
    }

    /** Waits (at most 60 s) until the certificate of {@code name} is issued; its status. */
    CertificateRecords.Status awaitIssued(String name) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            for (CertificateRecords.Status s : certificates().statuses()) {
                if (s.name().equals(name) && "issued".equals(s.state())) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no certificate issued for " + name + ": " + certificates().statuses());
    }

    /** Deploy-svc knows app {@code name} from now on. */
    void deploy(String name) {
        apps.add(name);
    }

    OcspResponder responder() {
        return processes.responder();
    }

    /** The OCSP responses the gateway stapled to a handshake for {@code name} (verified against {@code root}). */
    List<byte[]> stapled(String name, X509Certificate root) throws Exception {
        SSLContext context = trusting(root);
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort()), 5000);
        plain.setSoTimeout(60_000);
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, tlsPort(), true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return ((ExtendedSSLSession) tls.getSession()).getStatusResponses();
        }
    }

    Pebble pebble() {
        return processes.pebble();
    }

    CertificateManager certificates() {
        return suite.service(ServiceName.GATEWAY).context().getBean(CertificateManager.class);
    }

    int tlsPort() {
        return suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .tlsPort();
    }

    int httpPort() {
        return processes.httpPort();
    }

    /** An answer over TLS: status, headers (lower-case names), body, the chain the server sent, the ALPN protocol. */
    record Answer(int status, Map<String, String> headers, String body, List<X509Certificate> chain, String alpn) {}

    /** {@code GET path} on the TLS port with SNI {@code name}, trusting only {@code root}; the handshake must verify. */
    Answer https(String name, String path, X509Certificate root) throws Exception {
        return https(trusting(root), name, path, true);
    }

    /** {@code GET path} with SNI {@code name}, accepting whatever certificate the gateway sends (to look at it). */
    Answer httpsAcceptingAnyCertificate(String name, String path) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return https(context, name, path, false);
    }

    private Answer https(SSLContext context, String name, String path, boolean verifyName) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort()), 5000);
        plain.setSoTimeout(60_000); // an order on demand happens inside the handshake
        try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, tlsPort(), true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            if (verifyName) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            List<X509Certificate> chain = Arrays.stream(tls.getSession().getPeerCertificates())
                    .map(c -> (X509Certificate) c)
                    .toList();
            String alpn = tls.getApplicationProtocol();
            return exchange(tls, name, path, chain, alpn);
        }
    }

    /** A TLS context that trusts only {@code root}. */
    private static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", root);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** A java.net.http client preferring HTTP/2, trusting only {@code root}; names resolve by {@link TestNames}. */
    HttpClient http2Client(X509Certificate root) throws Exception {
        SSLContext context = trusting(root);
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** {@code GET path} with {@code Host: host} on the plain HTTP port. */
    Answer http(String host, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort()), 5000);
            socket.setSoTimeout(10_000);
            return exchange(socket, host, path, List.of(), null);
        }
    }

    private static Answer exchange(Socket socket, String host, String path, List<X509Certificate> chain, String alpn)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4), chain, alpn);
    }
}
