package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.time.Instant;
import java.util.List;

/** An account of someone who runs fazt. {@code disabledAt} is set while the account may not log in. */
public record User(String id, String username, String email, Role role, Instant createdAt, Instant disabledAt) {
    public boolean active() {
        return disabledAt == null;
    }

    /** The principal of this user for a credential ({@code s_…} or {@code t_…}). */
    public Principal principal(List<String> scopes, String credential) {
        return new Principal(id, username, scopes, credential);
    }
}
