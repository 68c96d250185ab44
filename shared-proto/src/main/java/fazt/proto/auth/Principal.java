package fazt.proto.auth;

import fazt.proto.MessageType;
import java.util.List;

/**
 * Who is calling, as auth-svc resolved them: a stable {@code subject} (user or token id), a display {@code name},
 * and the token's {@code scopes} ({@code admin}, {@code read}, {@code deploy:*}, {@code deploy:<app>}, …). Services
 * check scopes themselves with {@link #allows(String)}; they never see the token. {@code credential} names what the
 * caller authenticated with ({@code s_…} a dashboard session, {@code t_…} an API token, {@code bootstrap} the
 * bootstrap token; null when unknown): an id, never a secret, so auth-svc can end exactly that session on logout and
 * caches can drop exactly what was revoked.
 *
 * <p>{@code assertion} is auth-svc's signed statement of all of the above ({@link PrincipalAssertions}, ADR 32): the
 * gateway forwards it unchanged, and an admin handler believes only what it says, never the other fields of a
 * record that came over NATS. Null on a principal that no one signed (the anonymous caller of a public route).
 */
@MessageType("auth.principal.v1")
public record Principal(String subject, String name, List<String> scopes, String credential, String assertion) {
    /** An unsigned principal ({@link #withAssertion} signs it). */
    public Principal(String subject, String name, List<String> scopes, String credential) {
        this(subject, name, scopes, credential, null);
    }

    /** An unsigned principal whose credential is not known (tests, internal callers). */
    public Principal(String subject, String name, List<String> scopes) {
        this(subject, name, scopes, null, null);
    }

    /** This principal carrying {@code signed}, auth-svc's assertion of it. */
    public Principal withAssertion(String signed) {
        return new Principal(subject, name, scopes, credential, signed);
    }

    /** The scope that allows everything. */
    public static final String ADMIN = "admin";
    /** The scope that allows reading everything. */
    public static final String READ = "read";

    /**
     * Whether the principal holds {@code scope}: exactly, through {@code admin}, through {@code read} for a
     * {@code read} check, or through a wildcard {@code <kind>:*} for {@code <kind>:<anything>}.
     */
    public boolean allows(String scope) {
        if (scopes == null) {
            return false;
        }
        for (String held : scopes) {
            if (held.equals(ADMIN) || held.equals(scope)) {
                return true;
            }
            if (held.endsWith(":*") && scope.startsWith(held.substring(0, held.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
