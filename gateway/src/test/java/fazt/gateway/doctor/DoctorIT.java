package fazt.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.gateway.GatewayService;
import fazt.gateway.routing.CustomDomains;
import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.ServiceDefinition;
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
import fazt.proto.gateway.DoctorCheck;
import fazt.proto.gateway.DoctorReport;
import io.nats.client.Connection;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/doctor} through the gateway's admin subject, with the other services present as bare platform
 * services (their self-check is platform behaviour) on real NATS and PostgreSQL, a real DNS server
 * (pebble-challtestsrv) and certificates uploaded through the admin API. auth-svc is played by the suite's key
 * stand-in, which is on NATS without a self-check: the doctor must call it out by name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {
    static final ChallTestDns dns = startDns();

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(
                    new GatewayService(),
                    bare(ServiceName.DEPLOY),
                    bare(ServiceName.STORAGE),
                    bare(ServiceName.RUNTIME),
                    bare(ServiceName.SCHEDULER),
                    bare(ServiceName.MAIL))
            .with("FAZT_DOCTOR_DNS", dns.address());

    private static Connection nats;

    private static ServiceDefinition bare(ServiceName name) {
        return () -> name;
    }

    private static ChallTestDns startDns() {
        try {
            return ChallTestDns.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void connect() throws Exception {
        nats = suite.nats().connect();
    }

    @AfterAll
    static void close() throws Exception {
        nats.close();
        dns.close();
    }

    @Test
    @Order(1)
    void everyRunningServiceIsOkWithItsDatabaseClockAndDisks() throws Exception {
        DoctorReport report = doctor();

        for (ServiceName service : List.of(
                ServiceName.GATEWAY,
                ServiceName.DEPLOY,
                ServiceName.STORAGE,
                ServiceName.RUNTIME,
                ServiceName.SCHEDULER,
                ServiceName.MAIL)) {
            assertThat(check(report, "service", service.id()).status())
                    .as("service %s", service)
                    .isEqualTo(DoctorCheck.OK);
            assertThat(check(report, "service", service.id()).measured()).startsWith("1 instance (");
            DoctorCheck db = check(report, "database", service.id());
            assertThat(db.status()).as(db.toString()).isEqualTo(DoctorCheck.OK);
            assertThat(db.measured()).startsWith("PostgreSQL 1").contains("round trip");
            assertThat(check(report, "clock", service.id()).status()).isEqualTo(DoctorCheck.OK);
            assertThat(check(report, "disk", service.id()).status()).isEqualTo(DoctorCheck.OK);
        }
        assertThat(check(report, "nats", "connection").status()).isEqualTo(DoctorCheck.OK);
        assertThat(check(report, "nats", "jetstream").status()).isEqualTo(DoctorCheck.OK);
        // The test NATS lets every client publish anywhere: the doctor notices.
        DoctorCheck permissions = check(report, "nats", "permissions");
        assertThat(permissions.status()).isEqualTo(DoctorCheck.WARN);
        assertThat(permissions.measured()).startsWith("not enforced");
        assertThat(check(report, "certificate", "-").status()).isEqualTo(DoctorCheck.OK);
        assertThat(check(report, "domain", "-").measured()).isEqualTo("no custom domains mapped");
        // auth's key stand-in answers $SRV.PING but not the self-check: a stuck instance, named.
        DoctorCheck auth = check(report, "service", "auth");
        assertThat(auth.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(auth.measured()).matches("on NATS \\(\\$SRV.PING\\): .+; no self-check answer within 2 s");
        // storage-svc is bare here: nobody answers for the last backup, which is a FAIL of its own.
        DoctorCheck backup = check(report, "backup", "last backup");
        assertThat(backup.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(backup.measured()).startsWith("storage-svc did not say: ");
        assertThat(report.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(report.checks())
                .filteredOn(c -> c.status().equals(DoctorCheck.FAIL))
                .extracting(DoctorCheck::area)
                .containsExactlyInAnyOrder("service", "backup");
    }

    @Test
    @Order(2)
    void certificatesNearExpiryWarnOrFail() throws Exception {
        upload("soon.example", Duration.ofDays(10));
        upload("nearly.example", Duration.ofDays(2));
        upload("later.example", Duration.ofDays(60));

        DoctorReport report = doctor();

        assertThat(check(report, "certificate", "soon.example").status()).isEqualTo(DoctorCheck.WARN);
        assertThat(check(report, "certificate", "soon.example").measured()).startsWith("expires in 9 days");
        DoctorCheck nearly = check(report, "certificate", "nearly.example");
        assertThat(nearly.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(nearly.advice()).contains("PUT /api/domains/nearly.example/certificate");
        assertThat(check(report, "certificate", "later.example").status()).isEqualTo(DoctorCheck.OK);
    }

    @Test
    @Order(3)
    void domainsWhoseDnsPointsElsewhereFailWhenVerifiedAndWarnWhenPending() throws Exception {
        dns.addA("elsewhere.example", "203.0.113.7");
        dns.addA("fazt-doctor.wild.example", "203.0.113.8");
        domain("here.example", DomainState.VERIFIED);
        domain("elsewhere.example", DomainState.VERIFIED);
        domain("*.wild.example", DomainState.PENDING);
        awaitDomains(3);

        DoctorReport report = doctor();

        // "Here" is what admin.localhost resolves to (127.0.0.1 from this DNS server), as FAZT_PUBLIC_ADDRESS is unset.
        DoctorCheck here = check(report, "domain", "here.example");
        assertThat(here.status()).as(here.toString()).isEqualTo(DoctorCheck.OK);
        assertThat(here.measured()).isEqualTo("here.example → [127.0.0.1], here");
        DoctorCheck elsewhere = check(report, "domain", "elsewhere.example");
        assertThat(elsewhere.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(elsewhere.measured())
                .isEqualTo("elsewhere.example → [203.0.113.7], not here [127.0.0.1] (admin.localhost)");
        assertThat(elsewhere.advice()).contains("point elsewhere.example at [127.0.0.1]");
        DoctorCheck wildcard = check(report, "domain", "*.wild.example");
        assertThat(wildcard.status()).isEqualTo(DoctorCheck.WARN);
        assertThat(wildcard.measured())
                .startsWith("fazt-doctor.wild.example → [203.0.113.8]")
                .endsWith("(not verified yet)");
    }

    @Test
    @Order(4)
    void aStoppedServiceFailsByName() throws Exception {
        suite.stop(ServiceName.MAIL);

        DoctorReport report = doctor();

        DoctorCheck mail = check(report, "service", "mail");
        assertThat(mail.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(mail.measured()).isEqualTo("no instance answered within 2 s");
        assertThat(mail.advice()).contains("start mail-svc");
        assertThat(report.checks())
                .noneMatch(c -> c.area().equals("database") && c.name().startsWith("mail"));
        assertThat(report.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(check(report, "service", "deploy").status()).isEqualTo(DoctorCheck.OK);
    }

    @Test
    @Order(5)
    void withoutTheAdminScopeTheReportIsRefused() throws Exception {
        assertThatThrownBy(() -> admin("GET", "/doctor", null, List.of("apps:read")))
                .hasCauseInstanceOf(NatsRequester.RemoteProblemException.class)
                .hasMessageContaining("lacks the scope admin");
    }

    private static DoctorCheck check(DoctorReport report, String area, String name) {
        return report.checks().stream()
                .filter(c -> c.area().equals(area) && c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + area + " check " + name + " in " + report.checks()));
    }

    private static DoctorReport doctor() throws Exception {
        AdminResponse response = admin("GET", "/doctor", null, List.of("admin"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        DoctorReport report =
                MessageCodec.INSTANCE.decode(response.body().getBytes(StandardCharsets.UTF_8), DoctorReport.class);
        String worst = report.checks().stream().map(DoctorCheck::status).reduce(DoctorCheck.OK, DoctorCheck::worse);
        assertThat(report.status()).isEqualTo(worst);
        return report;
    }

    private static AdminResponse admin(String method, String path, String body, List<String> scopes) throws Exception {
        Principal admin = new Principal("u_admin", "admin", scopes, "token");
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
                        Duration.ofSeconds(30))
                .get();
    }

    private static void upload(String name, Duration validity) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
        builder.addExtension(
                Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        String body = MessageCodec.INSTANCE
                .mapper()
                .writeValueAsString(Map.of(
                        "chain", pem("CERTIFICATE", cert.getEncoded()),
                        "key", pem("PRIVATE KEY", keys.getPrivate().getEncoded())));
        AdminResponse stored = admin("PUT", "/domains/" + name + "/certificate", body, List.of("admin"));
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Maps {@code name} as deploy-svc announces it: an event on deploy's stream, which the gateway consumes. */
    private static void domain(String name, DomainState state) {
        MappedDomain mapped = new MappedDomain(name, "a_shop", "shop", state, null);
        DomainChanged.Change change =
                state == DomainState.VERIFIED ? DomainChanged.Change.VERIFIED : DomainChanged.Change.MAPPED;
        DomainChanged event = new DomainChanged(UUID.randomUUID().toString(), change, mapped, Instant.now());
        new EventPublisher(nats, suite.nats().root())
                .publish(DeploySubjects.domainEvent(change), event, event.eventId());
    }

    private static void awaitDomains(int count) throws Exception {
        CustomDomains domains = suite.service(ServiceName.GATEWAY).context().getBean(CustomDomains.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (domains.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(domains.size()).isEqualTo(count);
    }
}
