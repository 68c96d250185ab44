package fazt.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Orders certificates from the ACME CA with acme4j (ADR 28): one account per directory (its key sealed in the
 * gateway schema), HTTP-01 or TLS-ALPN-01 validation through {@link ChallengeResponses} ({@link ChallengeChoice}),
 * the CA's renewal information (ARI) when its directory offers it, a fresh P-256 key per certificate. Every
 * call blocks; it runs on a virtual thread of the {@link CertificateManager}. The CA's HTTP client has a connect and
 * request timeout; a CA bundle, when set, is the only trust for the directory's TLS.
 */
final class AcmeClient {
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(90);

    record Issued(List<X509Certificate> chain, PrivateKey key) {}

    private final TlsConfig config;
    private final CertificateRecords records;
    private final ChallengeResponses challenges;
    private final ChallengeChoice choice;
    private Login login;

    /**
     * acme4j makes its keys and CSRs with the Bouncy Castle provider by name; it is added once, last, so the JDK's
     * providers stay the defaults for everything else in the JVM.
     */
    static void ensureBouncyCastle() {
        synchronized (AcmeClient.class) {
            if (Security.getProvider("BC") == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }
    }

    AcmeClient(TlsConfig config, CertificateRecords records, ChallengeResponses challenges) {
        this.config = config;
        this.records = records;
        this.challenges = challenges;
        this.choice = new ChallengeChoice(config.acmeChallenge());
    }

    /**
     * Orders a certificate for {@code name}, validated by the challenge {@link ChallengeChoice} picks given the
     * {@code failedAttempts} in a row; {@code replacing}, the certificate it renews (null for a first order), is
     * named to a CA that offers renewal information (RFC 9773 {@code replaces}).
     */
    Issued issue(String name, int failedAttempts, X509Certificate replacing)
            throws AcmeException, InterruptedException {
        ensureBouncyCastle();
        Login login = login();
        OrderBuilder builder = login.newOrder().domain(name);
        if (replacing != null && offersRenewalInfo(login)) {
            builder.replaces(replacing);
        }
        Order order = builder.create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() == Status.VALID) {
                continue;
            }
            Optional<Http01Challenge> http = authorization.findChallenge(Http01Challenge.class);
            Optional<TlsAlpn01Challenge> alpn = authorization.findChallenge(TlsAlpn01Challenge.class);
            String type = choice.choose(http.isPresent(), alpn.isPresent(), failedAttempts);
            if (type == null) {
                throw new AcmeException("the CA offers no " + config.acmeChallenge() + " challenge for " + name);
            }
            if (TlsConfig.HTTP_01.equals(type)) {
                Http01Challenge challenge = http.orElseThrow();
                challenges.publish(challenge.getToken(), challenge.getAuthorization(), true);
                try {
                    validate(name, challenge);
                } finally {
                    challenges.publish(challenge.getToken(), "", false);
                }
            } else {
                TlsAlpn01Challenge challenge = alpn.orElseThrow();
                challenges.publishAlpn(name, challenge.getAuthorization(), true);
                try {
                    validate(name, challenge);
                } finally {
                    challenges.publishAlpn(name, "", false);
                }
            }
            choice.worked(type);
        }
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        order.waitUntilReady(VALIDATION_TIMEOUT);
        order.execute(key);
        Status status = order.waitForCompletion(VALIDATION_TIMEOUT);
        if (status != Status.VALID) {
            throw new AcmeException("order for " + name + " ended " + status + ": "
                    + order.getError().map(Object::toString).orElse("no reason given"));
        }
        return new Issued(order.getCertificate().getCertificateChain(), key.getPrivate());
    }

    private static void validate(String name, Challenge challenge) throws AcmeException, InterruptedException {
        challenge.trigger();
        Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
        if (status != Status.VALID) {
            throw new AcmeException("validation of " + name + " (" + challenge.getType() + ") failed: "
                    + challenge.getError().map(Object::toString).orElse(status.name()));
        }
    }

    /**
     * The CA's suggested renewal window for {@code leaf} (ARI, RFC 9773), or empty when its directory offers no
     * renewal information.
     */
    Optional<RenewalTime.Window> renewalWindow(X509Certificate leaf) throws AcmeException {
        ensureBouncyCastle();
        Login login = login();
        if (!offersRenewalInfo(login)) {
            return Optional.empty();
        }
        RenewalInfo info = login.bindRenewalInfo(leaf);
        return Optional.of(new RenewalTime.Window(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd()));
    }

    private static boolean offersRenewalInfo(Login login) throws AcmeException {
        return login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
    }

    private synchronized Login login() throws AcmeException {
        if (login != null) {
            return login;
        }
        Session session = new Session(URI.create(config.acmeDirectory()), new Provider(trust(config.acmeCaBundle())));
        session.networkSettings().setTimeout(NETWORK_TIMEOUT);
        CertificateRecords.Account account =
                records.account(config.acmeDirectory()).orElse(null);
        if (account == null) {
            KeyPair keys = KeyPairUtils.createECKeyPair("secp256r1");
            AccountBuilder builder =
                    new AccountBuilder().agreeToTermsOfService().useKeyPair(keys);
            if (config.acmeEmail() != null && !config.acmeEmail().isBlank()) {
                builder.addEmail(config.acmeEmail());
            }
            String location = builder.create(session).getLocation().toString();
            account = records.storeAccount(config.acmeDirectory(), new CertificateRecords.Account(location, keys));
        }
        try {
            login = session.login(URI.create(account.location()).toURL(), account.keys());
        } catch (MalformedURLException e) {
            throw new AcmeException("bad account location " + account.location());
        }
        return login;
    }

    /** The SSL context trusting only the PEM CA bundle at {@code path}; null for the JVM's defaults. */
    static SSLContext trust(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "FAZT_ACME_CA_BUNDLE " + path + " is not a readable PEM bundle: " + e.getMessage(), e);
        }
    }

    /** acme4j's generic provider, with the CA bundle's trust when one is set. */
    private static final class Provider extends GenericAcmeProvider {
        private final SSLContext trust;

        Provider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(settings.getTimeout())
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (trust != null) {
                builder.sslContext(trust);
            }
            return builder.build();
        }
    }
}
