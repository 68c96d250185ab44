package fazt.auth.domain;

/**
 * Which bootstrap admin token is valid now: {@code FAZT_ADMIN_TOKEN} when configured (it changes with the setting),
 * else the generated one, whose hash is stored and looked up on each use of a token of its shape, so a rotation
 * ({@code fazt-server rotate-admin-token}) counts at once on every auth instance and the old token is refused.
 */
public final class BootstrapAdmin {
    private final BootstrapToken configured;
    private final BootstrapToken.Store store;

    private BootstrapAdmin(BootstrapToken configured, BootstrapToken.Store store) {
        this.configured = configured;
        this.store = store;
    }

    /** The token of {@code FAZT_ADMIN_TOKEN}. */
    public static BootstrapAdmin configured(String token) {
        return new BootstrapAdmin(BootstrapToken.ofToken(token), null);
    }

    /** The generated token kept in {@code store}. */
    public static BootstrapAdmin stored(BootstrapToken.Store store) {
        return new BootstrapAdmin(null, store);
    }

    public boolean matches(String candidate) {
        if (configured != null) {
            return configured.matches(candidate);
        }
        return BootstrapToken.looksGenerated(candidate)
                && store.load().map(t -> t.matches(candidate)).orElse(false);
    }

    /** Replaces the generated token with a new one, returned once; the old one stops working at once. */
    public static String rotate(BootstrapToken.Store store) {
        String token = BootstrapToken.generate();
        store.replace(BootstrapToken.ofToken(token));
        return token;
    }
}
