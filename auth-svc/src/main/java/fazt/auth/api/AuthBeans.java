package fazt.auth.api;

import fazt.auth.domain.BootstrapToken;
import fazt.auth.domain.VerifyToken;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the token verification: the configured {@code FAZT_ADMIN_TOKEN}, else the stored generated token, else a new
 * one, generated, stored as a hash, and logged once (the only time it is ever shown).
 */
@Factory
final class AuthBeans {
    private static final Logger log = LoggerFactory.getLogger(AuthBeans.class);

    @Singleton
    VerifyToken verifyToken(@Nullable @Value("${auth.bootstrap-token:}") String configured, BootstrapToken.Store store) {
        if (configured != null && !configured.isBlank()) {
            return new VerifyToken(BootstrapToken.ofToken(configured));
        }
        BootstrapToken stored = store.load().orElseGet(() -> {
            String token = BootstrapToken.generate();
            BootstrapToken kept = store.storeIfAbsent(BootstrapToken.ofToken(token));
            if (kept.matches(token)) {
                log.warn("generated the bootstrap admin token; it is shown only now, keep it: {}"
                        + " (set FAZT_ADMIN_TOKEN to choose your own)", token);
            }
            return kept;
        });
        return new VerifyToken(stored);
    }
}
