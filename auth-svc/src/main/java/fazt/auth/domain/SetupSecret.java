package fazt.auth.domain;

/** Port: the one-time first-run setup secret (its hash), while no admin exists. */
public interface SetupSecret {
    /**
     * Offers a new secret; stored unless another instance stored one within the last minute (instances starting
     * together show one link). Returns whether this one was stored (and should be shown).
     */
    boolean offer(byte[] secretHash);

    /** Whether a secret with this hash is stored (checked again, atomically, by {@link #complete}). */
    boolean pending(byte[] secretHash);

    /**
     * Atomically: consumes the secret with this hash if stored, checks that there is still no admin, and creates
     * {@code admin}. Throws {@link AuthException.SetupUnavailable} otherwise.
     */
    void complete(byte[] secretHash, User admin, String passwordHash);
}
