package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.util.KeyPairUtils;

/** What an uploaded certificate must be before the gateway stores and serves it (ADR 28). */
class UploadedCertificateTest {
    static {
        AcmeClient.ensureBouncyCastle();
    }

    private final KeyPair keys = KeyPairUtils.createECKeyPair("secp256r1");

    @Test
    void aMatchingCurrentCertificateNamingTheDomainIsAccepted() {
        X509Certificate cert = SelfSigned.of(keys, "shop", Duration.ofDays(30), "shop.example.net");
        UploadedCertificate uploaded = UploadedCertificate.validate(
                "shop.example.net", Pem.chain(List.of(cert)), Pem.key(keys.getPrivate()), Instant.now());
        assertThat(uploaded.chain()).containsExactly(cert);
    }

    @Test
    void aWildcardCoversOneLevelOnly() {
        X509Certificate cert = SelfSigned.of(keys, "wild", Duration.ofDays(30), "*.example.net");
        assertThat(UploadedCertificate.covers(cert, "shop.example.net")).isTrue();
        assertThat(UploadedCertificate.covers(cert, "a.shop.example.net")).isFalse();
        assertThat(UploadedCertificate.covers(cert, "example.net")).isFalse();
    }

    @Test
    void anotherKeyAnotherNameAnExpiredCertificateAndGarbageAreRefused() {
        X509Certificate cert = SelfSigned.of(keys, "shop", Duration.ofDays(30), "shop.example.net");
        String chain = Pem.chain(List.of(cert));
        String otherKey = Pem.key(KeyPairUtils.createECKeyPair("secp256r1").getPrivate());
        assertThatThrownBy(() -> UploadedCertificate.validate("shop.example.net", chain, otherKey, Instant.now()))
                .hasMessageContaining("key does not belong");
        assertThatThrownBy(() -> UploadedCertificate.validate(
                        "blog.example.net", chain, Pem.key(keys.getPrivate()), Instant.now()))
                .hasMessageContaining("does not name");
        assertThatThrownBy(() -> UploadedCertificate.validate(
                        "shop.example.net",
                        chain,
                        Pem.key(keys.getPrivate()),
                        Instant.now().plus(Duration.ofDays(31))))
                .hasMessageContaining("not valid now");
        assertThatThrownBy(() -> UploadedCertificate.validate(
                        "shop.example.net", "not pem", Pem.key(keys.getPrivate()), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UploadedCertificate.validate("shop.example.net", chain, "not pem", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCertificateIsDueForRenewalOnceItsShareOfLifetimeHasPassed() {
        X509Certificate cert = SelfSigned.of(keys, "shop", Duration.ofDays(89), "shop.example.net");
        ServedCertificate served = ServedCertificate.of("shop.example.net", keys.getPrivate(), List.of(cert));
        Instant start = served.notBefore();
        long life = Duration.between(start, served.notAfter()).toMillis();
        assertThat(served.dueAt(start.plusMillis(life * 65 / 100), 66)).isFalse();
        assertThat(served.dueAt(start.plusMillis(life * 67 / 100), 66)).isTrue();
    }
}
