package fazt.proto.auth;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * Access was taken away: a token was revoked ({@link AuthSubjects#TOKEN_REVOKED}), a session ended
 * ({@link AuthSubjects#SESSION_ENDED}) or a user was disabled or deleted ({@link AuthSubjects#USER_DISABLED}).
 * Whoever caches principals drops every entry whose {@link Principal#credential()} is {@code credential}, or, when
 * {@code credential} is null, every entry whose {@link Principal#subject()} is {@code subject}.
 */
@MessageType("auth.access_revoked.v1")
public record AccessRevoked(String eventId, String subject, String credential, Instant at) {
    /** Whether a cached principal is affected by this revocation. */
    public boolean affects(Principal principal) {
        if (principal == null) {
            return false;
        }
        return credential != null
                ? credential.equals(principal.credential())
                : subject != null && subject.equals(principal.subject());
    }
}
