package fazt.auth.domain.appauth;

import java.util.Optional;

/** Port: logins in progress, single-use. */
public interface LoginAttempts {
    void create(LoginAttempt attempt);

    /** Deletes and returns the unexpired attempt with this state hash (so a state works once); also purges expired ones. */
    Optional<LoginAttempt> consume(byte[] stateHash);
}
