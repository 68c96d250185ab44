package fazt.gateway.tls;

import jakarta.inject.Singleton;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The certificates this gateway serves, in memory, by name (ADR 28): the SNI lookup of every handshake reads only
 * this. A name finds its own certificate, else the wildcard of its parent ({@code *.example.com}). Filled from the
 * gateway schema at start and on {@code evt.gateway.certificate.issued}. {@link #fallback()} is a self-signed
 * certificate made once, served where no certificate can be had (yet): browsers warn, but the site answers.
 */
@Singleton
public final class CertificateStore {
    private final Map<String, ServedCertificate> byName = new ConcurrentHashMap<>();
    private volatile ServedCertificate fallback;

    /** The certificate for {@code name}, or null when there is none. */
    public ServedCertificate find(String name) {
        ServedCertificate exact = byName.get(name);
        if (exact != null) {
            return exact;
        }
        int dot = name.indexOf('.');
        return dot > 0 ? byName.get("*" + name.substring(dot)) : null;
    }

    /** Made at the first handshake that needs it (a gateway without HTTPS loads no TLS or Bouncy Castle classes). */
    public ServedCertificate fallback() {
        ServedCertificate made = fallback;
        if (made == null) {
            synchronized (this) {
                if (fallback == null) {
                    AcmeClient.ensureBouncyCastle();
                    KeyPair pair = KeyPairUtils.createECKeyPair("secp256r1");
                    X509Certificate self = SelfSigned.of(pair, "fazt self-signed fallback", Duration.ofDays(365));
                    fallback = ServedCertificate.of("*", pair.getPrivate(), List.of(self));
                }
                made = fallback;
            }
        }
        return made;
    }

    void put(ServedCertificate certificate) {
        byName.put(certificate.name(), certificate);
    }

    Collection<ServedCertificate> all() {
        return byName.values();
    }
}
