package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminResponse;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.gateway.CertificateReply;
import fazt.proto.gateway.GatewaySubjects;
import fazt.proto.problem.Problem;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * HTTPS through the real gateway with certificates ordered on demand from a real pebble (ADR 28). Every test uses
 * names of its own, so the order of tests does not matter.
 */
class HttpsIT {
    @RegisterExtension
    static final HttpsFixture gateway = new HttpsFixture();

    /** A path the gateway answers itself (404) on any app host: HTTP over the TLS connection worked. */
    private static final String NOT_FOUND = "/_fazt/no-such-path";

    private static X509Certificate root;

    @BeforeAll
    static void pebbleRoot() throws Exception {
        root = gateway.pebble().root();
    }

    @Test
    void theFirstHandshakeForTheAdminHostOrdersACertificateThatVerifiesAgainstPebblesRoot() throws Exception {
        String name = "admin." + HttpsFixture.DOMAIN;
        HttpsFixture.Answer answer = gateway.https(name, "/api/openapi.json", root);
        assertThat(answer.status()).isEqualTo(200);
        X509Certificate leaf = answer.chain().getFirst();
        assertThat(UploadedCertificate.covers(leaf, name)).isTrue();
        assertThat(answer.chain().getLast().getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(answer.alpn()).as("the client offered http/1.1 only").isEqualTo("http/1.1");
        assertThat(answer.headers()).containsEntry("strict-transport-security", "max-age=" + HttpsFixture.HSTS_MAX_AGE);
        assertThat(gateway.certificates().statuses()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.state()).isEqualTo("issued");
            assertThat(s.source()).isEqualTo("acme");
        });
        // the second connection is served from memory: the same certificate
        assertThat(gateway.https(name, "/api/openapi.json", root).chain().getFirst())
                .isEqualTo(leaf);
    }

    @Test
    void tenNewAppNamesInParallelAllGetTheirCertificate() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gateway.deploy("par" + i);
            names.add("par" + i + "." + HttpsFixture.DOMAIN);
        }
        List<Future<HttpsFixture.Answer>> answers = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(20)) {
            for (String name : names) {
                for (int j = 0; j < 2; j++) { // two first hits per name: one order, both served
                    answers.add(clients.submit(() -> {
                        long start = System.nanoTime();
                        HttpsFixture.Answer answer = gateway.https(name, NOT_FOUND, root);
                        synchronized (millis) {
                            millis.add((System.nanoTime() - start) / 1_000_000);
                        }
                        return answer;
                    }));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpsFixture.Answer answer = answers.get(i).get();
                assertThat(answer.status())
                        .as("answered by the gateway over TLS")
                        .isEqualTo(404);
                assertThat(UploadedCertificate.covers(answer.chain().getFirst(), names.get(i / 2)))
                        .isTrue();
            }
        }
        System.out.println("first-hit latency ms (20 handshakes, 10 new names): "
                + millis.stream().sorted().toList());
    }

    /**
     * Figures for docs/https.md: 50 new names hit at once, each for the first time; every handshake must verify.
     * Latencies are printed, never asserted.
     */
    @Test
    void fiftyParallelFirstHitsOnNewNamesAllSucceed() throws Exception {
        gateway.deploy("solo");
        long begin = System.nanoTime();
        HttpsFixture.Answer solo = gateway.https("solo." + HttpsFixture.DOMAIN, NOT_FOUND, root);
        System.out.println("first request for one new name (ordered inside the handshake) ms="
                + (System.nanoTime() - begin) / 1_000_000);
        assertThat(solo.status()).isEqualTo(404);
        int count = 50;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gateway.deploy("fifty" + i);
            names.add("fifty" + i + "." + HttpsFixture.DOMAIN);
        }
        List<Future<HttpsFixture.Answer>> answers = new ArrayList<>();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(count)) {
            for (String name : names) {
                answers.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    HttpsFixture.Answer answer = gateway.https(name, NOT_FOUND, root);
                    millis.add((System.nanoTime() - start) / 1_000_000);
                    return answer;
                }));
            }
            int succeeded = 0;
            for (int i = 0; i < count; i++) {
                HttpsFixture.Answer answer = answers.get(i).get();
                assertThat(answer.status()).isEqualTo(404);
                assertThat(UploadedCertificate.covers(answer.chain().getFirst(), names.get(i)))
                        .isTrue();
                succeeded++;
            }
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.println("50 parallel first hits: succeeded=" + succeeded + "/" + count + " median ms="
                    + sorted.get(sorted.size() / 2) + " max ms=" + sorted.getLast() + " all=" + sorted);
        }
    }

    @Test
    void theSmtpHostIsOrderedAtStartAndHandedToMailSvcWithItsKeySealed() throws Exception {
        gateway.awaitIssued(HttpsFixture.SMTP_HOST);
        CertificateReply reply = gateway.certificateGet(HttpsFixture.SMTP_HOST.toUpperCase(Locale.ROOT) + ".");
        assertThat(reply.found()).isTrue();
        assertThat(reply.name()).isEqualTo(HttpsFixture.SMTP_HOST);
        List<X509Certificate> chain = Pem.parseChain(reply.chainPem());
        assertThat(UploadedCertificate.covers(chain.getFirst(), HttpsFixture.SMTP_HOST))
                .isTrue();
        assertThat(chain.getLast().getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(reply.notAfter()).isEqualTo(chain.getFirst().getNotAfter().toInstant());
        byte[] opened = new MasterKeyCipher(gateway.masterKey(), GatewaySubjects.KEY_TRANSFER_INFO)
                .open(
                        HttpsFixture.SMTP_HOST.getBytes(StandardCharsets.UTF_8),
                        new MasterKeyCipher.Sealed(reply.keyVersion(), reply.keyNonce(), reply.keySealed()));
        PrivateKey key = Pem.parseKey(new String(opened, StandardCharsets.US_ASCII));
        assertThat(UploadedCertificate.keyMatches(chain.getFirst(), key)).isTrue();
        assertThat(new String(reply.keySealed(), StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
        // sealed for the SMTP name: opened for another name, it does not open
        assertThatThrownBy(() -> new MasterKeyCipher(gateway.masterKey(), GatewaySubjects.KEY_TRANSFER_INFO)
                        .open(
                                ("admin." + HttpsFixture.DOMAIN).getBytes(StandardCharsets.UTF_8),
                                new MasterKeyCipher.Sealed(reply.keyVersion(), reply.keyNonce(), reply.keySealed())))
                .isInstanceOf(MasterKeyCipher.UnsealFailed.class);
        // any other name, even one with a certificate, is not handed out
        gateway.https("admin." + HttpsFixture.DOMAIN, "/api/openapi.json", root);
        assertThat(gateway.certificateGet("admin." + HttpsFixture.DOMAIN).found())
                .isFalse();
        assertThat(gateway.certificateGet("nothing." + HttpsFixture.DOMAIN).found())
                .isFalse();
    }

    @Test
    void theRenewalTimeAndItsSourceAreShownAndPebbleWithoutAriMeansLifetime() throws Exception {
        String name = "admin." + HttpsFixture.DOMAIN;
        gateway.https(name, "/api/openapi.json", root);
        boolean ari = gateway.pebble().directoryJson().contains("\"renewalInfo\"");
        CertificateRecords.Status status = gateway.awaitIssued(name);
        Instant deadline = Instant.now().plusSeconds(30);
        while (status.renewSource() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = gateway.awaitIssued(name);
        }
        assertThat(status.renewSource()).isEqualTo(ari ? RenewalTime.ARI : RenewalTime.LIFETIME);
        assertThat(status.renewAfter()).isAfter(Instant.now()).isBefore(status.notAfter());
        String source = status.renewSource();
        Object listed = gateway.admin("GET", "/certificates", null);
        assertThat(listed).isInstanceOfSatisfying(AdminResponse.class, r -> assertThat(r.body())
                .contains("\"renewalSource\":\"" + source + "\"")
                .contains("\"renewAfter\":\""));
    }

    @Test
    void aNameThatIsNotAllowedCausesNoOrderAndGetsTheUntrustedFallback() {
        for (String name :
                List.of("ghost." + HttpsFixture.DOMAIN, "elsewhere.example.org", "localhost", "admin.localhost")) {
            assertThatThrownBy(() -> gateway.https(name, "/", root)).as(name).isInstanceOf(SSLHandshakeException.class);
            assertThat(gateway.certificates().statuses())
                    .noneSatisfy(s -> assertThat(s.name()).isEqualTo(name));
        }
    }

    @Test
    void aCustomDomainIsOrderedAheadWhenVerifiedAndAPendingOneNever() throws Exception {
        String pending = "pending.example.net", shop = "shop.example.net", reserved = "shop.fazt.test";
        gateway.domainChanged(DomainChanged.Change.MAPPED, pending, DomainState.PENDING);
        gateway.domainChanged(DomainChanged.Change.VERIFIED, reserved, DomainState.VERIFIED);
        gateway.domainChanged(DomainChanged.Change.VERIFIED, shop, DomainState.VERIFIED);
        // the event starts the order (a row appears); the handshake then joins it or finds its certificate
        Instant deadline = Instant.now().plusSeconds(30);
        while (gateway.certificates().statuses().stream()
                        .noneMatch(s -> s.name().equals(shop))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        HttpsFixture.Answer answer = gateway.https(shop, NOT_FOUND, root);
        assertThat(UploadedCertificate.covers(answer.chain().getFirst(), shop)).isTrue();
        assertThat(answer.status()).isEqualTo(404);
        assertThatThrownBy(() -> gateway.https(pending, NOT_FOUND, root)).isInstanceOf(SSLHandshakeException.class);
        assertThat(gateway.certificates().statuses())
                .noneSatisfy(s -> assertThat(s.name()).isIn(pending, reserved));
    }

    @Test
    void aRenewalPassPastTheThresholdOrdersANewCertificateThatIsServed() throws Exception {
        String name = "renew." + HttpsFixture.DOMAIN;
        gateway.deploy("renew");
        BigInteger first =
                gateway.https(name, NOT_FOUND, root).chain().getFirst().getSerialNumber();
        List<CompletableFuture<ServedCertificate>> orders =
                gateway.certificates().renewDue(0);
        assertThat(orders).isNotEmpty();
        CompletableFuture.allOf(orders.toArray(CompletableFuture[]::new)).join();
        BigInteger second =
                gateway.https(name, NOT_FOUND, root).chain().getFirst().getSerialNumber();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anUploadedCertificateIsServedByItsNameAndABadOneIsRefused() throws Exception {
        String name = "byo." + HttpsFixture.DOMAIN;
        KeyPair keys = KeyPairUtils.createECKeyPair("secp256r1");
        X509Certificate own = Pebble.selfSigned(keys, name, null);
        String chain = Pem.chain(List.of(own));
        KeyPair other = KeyPairUtils.createECKeyPair("secp256r1");
        Object wrongKey =
                gateway.admin("PUT", "/domains/" + name + "/certificate", body(chain, Pem.key(other.getPrivate())));
        assertThat(wrongKey).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("key");
        });
        Object wrongName = gateway.admin(
                "PUT",
                "/domains/other." + HttpsFixture.DOMAIN + "/certificate",
                body(chain, Pem.key(keys.getPrivate())));
        assertThat(wrongName).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail())
                .contains("does not name"));
        Object stored =
                gateway.admin("PUT", "/domains/" + name + "/certificate", body(chain, Pem.key(keys.getPrivate())));
        assertThat(stored).isInstanceOfSatisfying(AdminResponse.class, r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body())
                    .contains("\"source\":\"uploaded\"")
                    .contains("\"state\":\"issued\"")
                    .doesNotContain("PRIVATE KEY");
        });
        HttpsFixture.Answer answer = gateway.https(name, NOT_FOUND, own);
        assertThat(answer.chain().getFirst()).isEqualTo(own);
        Object listed = gateway.admin("GET", "/certificates", null);
        assertThat(listed).isInstanceOfSatisfying(AdminResponse.class, r -> assertThat(r.body())
                .contains(name));
    }

    private static String body(String chain, String key) {
        return new String(MessageCodec.INSTANCE.encode(Map.of("chain", chain, "key", key)), StandardCharsets.UTF_8);
    }

    @Test
    void http2OverAlpnReachesTheSameRoutesWithTheSameClassification() throws Exception {
        gateway.deploy("h2app");
        try (HttpClient client = gateway.http2Client(root)) {
            HttpResponse<String> contract = client.send(
                    HttpRequest.newBuilder(URI.create("https://admin." + HttpsFixture.DOMAIN + ":" + gateway.tlsPort()
                                    + "/api/openapi.json"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(contract.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(contract.statusCode()).isEqualTo(200);
            assertThat(contract.body()).contains("\"openapi\"");
            assertThat(contract.headers().firstValue("strict-transport-security"))
                    .hasValue("max-age=" + HttpsFixture.HSTS_MAX_AGE);
            // the intake's canonical path on an app host: /_fazt/./x/../nothing is /_fazt/nothing, a 404 of the gateway
            HttpResponse<String> app = client.send(
                    HttpRequest.newBuilder(URI.create("https://h2app." + HttpsFixture.DOMAIN + ":" + gateway.tlsPort()
                                    + "/_fazt/x/../nothing"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(app.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(app.statusCode()).isEqualTo(404);
            assertThat(app.body()).contains("/_fazt/nothing");
        }
    }

    /**
     * An HTTP/2 stream whose body stalls past the body timeout is answered 408 on the stream, then reset with
     * NO_ERROR (RFC 9113 8.1: stop sending, the answer stands), not cancelled without an answer.
     */
    @Test
    void aStalledHttp2BodyGets408OnItsStream() throws Exception {
        gateway.deploy("stall");
        String host = "stall." + HttpsFixture.DOMAIN;
        try (RawHttp2 h2 = new RawHttp2(gateway.tlsPort(), host, root)) {
            h2.startRequest("POST", host, "/_fazt/async/x", 1000, "abc".getBytes(StandardCharsets.US_ASCII));
            RawHttp2.StreamEnd end = h2.awaitEnd();
            assertThat(end.headers()).as("a response head on the stream").isNotNull();
            assertThat(end.headers().status().toString()).isEqualTo("408");
            assertThat(end.body()).contains("request-timeout");
            assertThat(end.ended()).isTrue();
            assertThat(end.resetCode()).as("NO_ERROR, or no reset at all").isIn(0L, -1L);
        }
    }

    @Test
    void aConnectionThatSendsNoClientHelloIsClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.tlsPort()), 5000);
            socket.setSoTimeout((int) (HttpsFixture.HANDSHAKE_TIMEOUT_MS * 6)); // far past the deadline
            assertThat(socket.getInputStream().read())
                    .as("closed by the gateway, nothing sent")
                    .isEqualTo(-1);
        }
    }

    @Test
    void plainHttpIsRedirectedExceptAcmeChallengesAndWellKnownFazt() throws Exception {
        String host = "admin." + HttpsFixture.DOMAIN;
        HttpsFixture.Answer redirected = gateway.http(host, "/api/apps?x=1");
        assertThat(redirected.status()).isEqualTo(308);
        assertThat(redirected.headers())
                .containsEntry("location", "https://" + host + ":" + gateway.tlsPort() + "/api/apps?x=1");
        assertThat(redirected.headers()).doesNotContainKey("strict-transport-security");
        assertThat(gateway.http(host, "/.well-known/acme-challenge/unknown-token")
                        .status())
                .isEqualTo(404);
        assertThat(gateway.http(host, "/.well-known/fazt/anything").status()).isNotEqualTo(308);
    }
}
