package fazt.platform.nats;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Who a connection is on NATS (ADR 31): the inbox prefix of its service ({@code <root>.inbox.<service>}, always, so
 * replies, body streams and heartbeats never use the shared {@code _INBOX.}), the nkey seed it signs the server's
 * challenge with (none on a NATS without authorisation), and the CA it trusts for {@code tls://} URLs (none: the
 * JVM's).
 *
 * @param inboxPrefix {@code <root>.inbox.<service>}
 * @param seed        the user nkey seed ({@code SU…}), or null; never printed
 * @param caFile      a PEM file of the CA that signed the NATS server's certificate, or null
 */
public record NatsIdentity(String inboxPrefix, char[] seed, Path caFile) {
    /** Largest seed file read (a seed is 58 characters). */
    static final int MAX_SEED_FILE = 4096;

    /** The identity of {@code service} under {@code root}, without credentials. */
    public static NatsIdentity of(SubjectRoot root, ServiceName service) {
        return new NatsIdentity(root.qualify(SubjectGrammar.inbox(service)), null, null);
    }

    /** This identity, signing with the seed in {@code seedFile} ({@code fazt-server provision} writes one per service). */
    public NatsIdentity withSeedFile(Path seedFile) throws IOException {
        return new NatsIdentity(inboxPrefix, readSeed(seedFile), caFile);
    }

    /** This identity, trusting the CA certificates in the PEM file {@code caFile} for TLS. */
    public NatsIdentity withCaFile(Path caFile) {
        return new NatsIdentity(inboxPrefix, seed, caFile);
    }

    /** The TLS context trusting {@link #caFile()}, or null to use the JVM's trust store. */
    SSLContext sslContext() throws IOException {
        if (caFile == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("no certificate in " + caFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(
                    "cannot use the CA file " + caFile + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Reads a seed file: the first line starting with {@code SU} (a user seed), whitespace around it ignored. */
    static char[] readSeed(Path file) throws IOException {
        if (Files.size(file) > MAX_SEED_FILE) {
            throw new IOException("the NATS seed file " + file + " is larger than " + MAX_SEED_FILE + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) {
            String candidate = line.strip();
            if (candidate.startsWith("SU")) {
                return candidate.toCharArray();
            }
        }
        throw new IOException("the NATS seed file " + file + " holds no user seed (a line starting with SU)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NatsIdentity that
                && inboxPrefix.equals(that.inboxPrefix)
                && Arrays.equals(seed, that.seed)
                && java.util.Objects.equals(caFile, that.caFile);
    }

    @Override
    public int hashCode() {
        return inboxPrefix.hashCode();
    }

    @Override
    public String toString() {
        // Never print the seed.
        return "NatsIdentity[inboxPrefix=" + inboxPrefix + ", seed=" + (seed == null ? "none" : "***") + ", caFile="
                + caFile + "]";
    }
}
