package fazt.gateway.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM in and out for certificate chains and private keys (Bouncy Castle's parser, the JDK's certificate factory). */
final class Pem {
    private Pem() {}

    static String chain(List<X509Certificate> chain) {
        return write(chain.toArray());
    }

    static String key(PrivateKey key) {
        return write(key);
    }

    static List<X509Certificate> parseChain(String pem) {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the PEM");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /** The private key of a PEM {@code PRIVATE KEY} (PKCS #8), {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. */
    static PrivateKey parseKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("no unencrypted private key in the PEM");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    static KeyPair parseKeyPair(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object read = parser.readObject();
            if (read instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getKeyPair(pair);
            }
            throw new IllegalArgumentException("no key pair in the PEM");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM key pair: " + e.getMessage(), e);
        }
    }

    static String keyPair(KeyPair pair) {
        return write(pair);
    }

    private static String write(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding failed", e);
        }
        return out.toString();
    }
}
