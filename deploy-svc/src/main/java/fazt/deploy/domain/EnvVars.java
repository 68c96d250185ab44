package fazt.deploy.domain;

import java.time.Instant;
import java.util.List;

/** Port: apps' env vars as stored, values sealed by {@link EnvCipher}. Implementations are transactional per method. */
public interface EnvVars {
    /** An app's vars, by name. */
    List<Stored> list(AppId app);

    /**
     * Sets {@code name}, replacing its value when present; returns true when it was new. Throws
     * {@link DeployException.EnvRejected} when the app already has {@code maxVars} vars and this one is new.
     */
    boolean put(AppId app, EnvName name, EnvCipher.Sealed value, boolean secret, int maxVars);

    /** Removes {@code name}; returns false when the app had no such var. */
    boolean delete(AppId app, EnvName name);

    /** Whether {@code app} exists and is not deleted. */
    boolean appExists(AppId app);

    /** One stored var. */
    record Stored(String name, boolean secret, EnvCipher.Sealed value, Instant updatedAt) {}
}
