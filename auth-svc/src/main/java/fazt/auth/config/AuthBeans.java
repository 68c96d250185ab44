package fazt.auth.config;

import fazt.auth.domain.ApiTokens;
import fazt.auth.domain.AppOwnership;
import fazt.auth.domain.AuthEvents;
import fazt.auth.domain.AuthPolicy;
import fazt.auth.domain.BootstrapAdmin;
import fazt.auth.domain.BootstrapToken;
import fazt.auth.domain.FirstRun;
import fazt.auth.domain.HashingPool;
import fazt.auth.domain.Login;
import fazt.auth.domain.LoginThrottle;
import fazt.auth.domain.ManageTokens;
import fazt.auth.domain.ManageUsers;
import fazt.auth.domain.PasswordHasher;
import fazt.auth.domain.PrincipalSigner;
import fazt.auth.domain.Sessions;
import fazt.auth.domain.Settings;
import fazt.auth.domain.SetupSecret;
import fazt.auth.domain.Users;
import fazt.auth.domain.VerifyToken;
import fazt.auth.domain.appauth.AppEndUsers;
import fazt.auth.domain.appauth.AppLogin;
import fazt.auth.domain.appauth.AppProviders;
import fazt.auth.domain.appauth.ConfigureAppLogin;
import fazt.auth.domain.appauth.IdentityProviders;
import fazt.auth.domain.appauth.LoginAttempts;
import fazt.auth.domain.appauth.SecretBox;
import fazt.platform.service.BootstrapSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires auth-svc's use cases. The bootstrap token is the configured {@code FAZT_ADMIN_TOKEN}, else the stored generated
 * token, else a new one, generated, stored as a hash, and handed to the operator once on stderr and in a 0600 file
 * (never in the log: {@link OperatorSecrets}).
 */
@Factory
final class AuthBeans {
    private static final Logger log = LoggerFactory.getLogger(AuthBeans.class);

    @Singleton
    AuthPolicy policy() {
        return AuthPolicy.DEFAULT;
    }

    @Singleton
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    /** {@code FAZT_AUTH_HASH_CONCURRENCY} when set, else as many hashes at once as half the heap holds (at most one a core). */
    @Singleton
    HashingPool hashingPool(PasswordHasher hasher, @Value("${auth.hash-concurrency:0}") int configured) {
        int concurrency = configured > 0
                ? configured
                : HashingPool.defaultConcurrency(
                        Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        log.info("password hashing: at most {} at once ({} MiB of heap each)", concurrency, HashingPool.MIB_PER_HASH);
        return new HashingPool(hasher, concurrency);
    }

    @Singleton
    BootstrapAdmin bootstrapAdmin(
            @Nullable @Value("${auth.bootstrap-token:}") String configured,
            @Nullable @Value("${auth.secrets-dir:}") String secretsDir,
            BootstrapToken.Store store) {
        if (configured != null && !configured.isBlank()) {
            return BootstrapAdmin.configured(configured);
        }
        if (store.load().isEmpty()) {
            String token = BootstrapToken.generate();
            BootstrapToken kept = store.storeIfAbsent(BootstrapToken.ofToken(token));
            if (kept.matches(token)) {
                // Never in the log: stderr once, and a file only its owner reads.
                var written = OperatorSecrets.hand(
                        secretsDir,
                        OperatorSecrets.ADMIN_TOKEN,
                        "the generated bootstrap admin token, shown only now (set FAZT_ADMIN_TOKEN to choose your own)",
                        token);
                log.info(
                        "generated the bootstrap admin token; handed to the operator on {}",
                        OperatorSecrets.where(written));
            }
        }
        return BootstrapAdmin.stored(store);
    }

    @Singleton
    VerifyToken verifyToken(BootstrapAdmin bootstrap, Sessions sessions, ApiTokens tokens, AuthPolicy policy) {
        return new VerifyToken(bootstrap, sessions, tokens, policy);
    }

    @Singleton
    Login login(
            Users users,
            Sessions sessions,
            LoginThrottle throttle,
            HashingPool hashing,
            AuthEvents events,
            AuthPolicy policy) {
        return new Login(users, sessions, throttle, hashing, events, policy);
    }

    @Singleton
    ManageUsers manageUsers(
            Users users,
            Sessions sessions,
            Settings settings,
            HashingPool hashing,
            AuthEvents events,
            AppOwnership ownership) {
        return new ManageUsers(users, sessions, settings, hashing, events, ownership);
    }

    @Singleton
    ManageTokens manageTokens(ApiTokens tokens, AuthEvents events) {
        return new ManageTokens(tokens, events);
    }

    @Singleton
    PrincipalSigner principalSigner(PrincipalSigner.Store store, BootstrapSettings settings) {
        return new PrincipalSigner(store, settings.masterKey(), settings.root().value(), Clock.systemUTC());
    }

    @Singleton
    SecretBox secretBox(BootstrapSettings settings) {
        return new SecretBox(settings.masterKey());
    }

    @Singleton
    ConfigureAppLogin configureAppLogin(AppProviders providers, SecretBox box) {
        return new ConfigureAppLogin(providers, box);
    }

    @Singleton
    AppLogin appLogin(
            AppProviders providers,
            SecretBox box,
            LoginAttempts attempts,
            AppEndUsers users,
            IdentityProviders idps,
            LoginThrottle throttle,
            AuthEvents events) {
        return new AppLogin(providers, box, attempts, users, idps, throttle, events);
    }

    @Singleton
    FirstRun firstRun(Users users, SetupSecret setup, HashingPool hashing) {
        return new FirstRun(users, setup, hashing);
    }
}
