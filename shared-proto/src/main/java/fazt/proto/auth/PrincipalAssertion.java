package fazt.proto.auth;

import fazt.proto.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What auth-svc signs about a caller (ADR 32): the {@link Principal}'s fields, the install it is good for
 * ({@code audience}, the subject root), when it was issued and until when it holds ({@code issuedAt},
 * {@code expiresAt}, epoch seconds), and the id of the key that signed it. It travels as the compact
 * {@link Principal#assertion()} string ({@link PrincipalAssertions}), never as this record alone.
 */
@MessageType("auth.principal_assertion.v1")
public record PrincipalAssertion(
        String keyId,
        String audience,
        String subject,
        String name,
        List<String> scopes,
        String credential,
        long issuedAt,
        long expiresAt) {
    /** What {@code principal} is, stated by key {@code keyId} for {@code audience} from {@code now} for {@code lifetime}. */
    public static PrincipalAssertion of(
            String keyId, String audience, Principal principal, Instant now, Duration lifetime) {
        return new PrincipalAssertion(
                keyId,
                audience,
                principal.subject(),
                principal.name(),
                principal.scopes(),
                principal.credential(),
                now.getEpochSecond(),
                now.plus(lifetime).getEpochSecond());
    }

    /** The principal this assertion states, carrying {@code compact}, the signed form it was read from. */
    public Principal principal(String compact) {
        return new Principal(subject, name, scopes == null ? List.of() : List.copyOf(scopes), credential, compact);
    }
}
