package fazt.platform.service.admin;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Believes a principal that came over NATS only through the assertion auth-svc signed for it (ADR 32): the signature
 * under a key auth-svc publishes on {@link AuthSubjects#PRINCIPAL_KEYS}, the audience (this install's subject root)
 * and the expiry. The keys are fetched when the service starts and again when an assertion names a key not yet known
 * (auth-svc rotated), each fetch retried by Resilience4j; after a fetch that succeeded, not again before
 * {@link #REFETCH_AFTER} has passed (an unknown key waits that long, then fetches), so assertions naming made-up keys
 * cannot make every service hammer auth-svc. A fetch
 * replaces the known keys, so a key auth-svc no longer publishes stops being accepted. A failed fetch keeps the keys
 * known. There is no way to turn this off.
 */
@Singleton
public final class PrincipalVerifier {
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    static final int FETCH_ATTEMPTS = 3;
    /** The shortest time after a successful fetch before the next one. */
    static final Duration REFETCH_AFTER = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(PrincipalVerifier.class);
    private static final Retry RETRY = Retry.of(
            "principal-keys",
            RetryConfig.custom()
                    .maxAttempts(FETCH_ATTEMPTS)
                    .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0))
                    .build());

    private final String audience;
    private final Function<Boolean, Optional<Map<String, PublicKey>>> fetch;
    private final Clock clock;
    private volatile Map<String, PublicKey> keys = Map.of();
    private Instant lastFetch = Instant.MIN;

    /** Verifies against the keys auth-svc publishes on this install's NATS. */
    @Inject
    PrincipalVerifier(NatsRequester nats, BootstrapSettings settings) {
        this(settings.root().value(), retried -> fetchOver(nats, retried), Clock.systemUTC());
    }

    private PrincipalVerifier(String audience, Function<Boolean, Optional<Map<String, PublicKey>>> fetch, Clock clock) {
        this.audience = audience;
        this.fetch = fetch;
        this.clock = clock;
    }

    /** Verifies against {@code keys} only, never fetching (unit tests of routers). */
    public static PrincipalVerifier ofKeys(String audience, Map<String, PublicKey> keys) {
        PrincipalVerifier verifier = new PrincipalVerifier(audience, retried -> Optional.empty(), Clock.systemUTC());
        verifier.keys = Map.copyOf(keys);
        return verifier;
    }

    /** The first fetch, without waiting for it: an admin request that comes before it fetches itself. */
    @PostConstruct
    void warm() {
        Thread.ofVirtual().name("principal-keys-warm").start(() -> refresh(false));
    }

    /**
     * The principal {@code claimed}'s assertion states (carrying that assertion), or {@link
     * PrincipalAssertions.Refused} when it has none or it does not verify.
     */
    public Principal verify(Principal claimed) {
        if (claimed == null || claimed.assertion() == null) {
            throw new PrincipalAssertions.Refused("no assertion");
        }
        return PrincipalAssertions.verify(claimed.assertion(), this::key, audience, clock.instant())
                .principal(claimed.assertion());
    }

    private PublicKey key(String keyId) {
        PublicKey known = keys.get(keyId);
        if (known != null) {
            return known;
        }
        refresh(keyId);
        return keys.get(keyId);
    }

    /** The first fetch: skipped when one has just succeeded. */
    private synchronized void refresh(boolean retried) {
        if (lastFetch.plus(REFETCH_AFTER).isAfter(clock.instant())) {
            return;
        }
        fetchNow(retried);
    }

    /**
     * A fetch for an assertion naming {@code wanted}, not yet known: when another caller fetched it meanwhile, none;
     * when a fetch has just succeeded, after waiting out {@link #REFETCH_AFTER} (a key auth-svc made a moment after
     * that fetch is still found, and fetches stay that far apart however many such assertions come).
     */
    private synchronized void refresh(String wanted) {
        if (keys.containsKey(wanted)) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), lastFetch.plus(REFETCH_AFTER));
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fetchNow(true);
    }

    private void fetchNow(boolean retried) {
        fetch.apply(retried).ifPresent(fetched -> {
            keys = Map.copyOf(fetched);
            lastFetch = clock.instant();
        });
    }

    private static Optional<Map<String, PublicKey>> fetchOver(NatsRequester nats, boolean retried) {
        try {
            PrincipalKeysReply reply = retried
                    ? RETRY.executeSupplier(() -> nats.call(
                            AuthSubjects.PRINCIPAL_KEYS,
                            new PrincipalKeysRequest(null),
                            PrincipalKeysReply.class,
                            FETCH_TIMEOUT))
                    : nats.call(
                            AuthSubjects.PRINCIPAL_KEYS,
                            new PrincipalKeysRequest(null),
                            PrincipalKeysReply.class,
                            FETCH_TIMEOUT);
            Map<String, PublicKey> fetched = new HashMap<>();
            for (PrincipalKeysReply.Key key : reply.keys()) {
                fetched.put(key.keyId(), PrincipalAssertions.publicKey(key.publicKey()));
            }
            log.info("principal keys fetched count={}", fetched.size());
            return Optional.of(fetched);
        } catch (RuntimeException e) {
            // At start auth-svc may not answer yet (in its own process, it subscribes after this runs): the first
            // admin request fetches again.
            if (retried) {
                log.warn("principal keys not fetched reason={}", e.getClass().getSimpleName());
            } else {
                log.info(
                        "principal keys not fetched yet reason={}", e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }
}
