package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.util.List;
import java.util.Optional;

/** Resolves a bearer token to its principal. For now the only token is the bootstrap admin token. */
public final class VerifyToken {
    /** The principal of the bootstrap token. */
    public static final Principal BOOTSTRAP_ADMIN = new Principal("bootstrap", "bootstrap admin", List.of(Principal.ADMIN));

    private final BootstrapToken bootstrap;

    public VerifyToken(BootstrapToken bootstrap) {
        this.bootstrap = bootstrap;
    }

    public Optional<Principal> verify(String token) {
        return bootstrap.matches(token) ? Optional.of(BOOTSTRAP_ADMIN) : Optional.empty();
    }
}
