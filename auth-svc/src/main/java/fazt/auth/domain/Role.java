package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.util.List;
import java.util.Locale;

/**
 * What a user may do. An {@code admin} holds every scope. A {@code developer} deploys and reads logs of apps
 * ({@code deploy:*}, {@code logs:*}) but manages no users or settings.
 */
public enum Role {
    ADMIN(List.of(Principal.ADMIN)),
    DEVELOPER(List.of("deploy:*", "logs:*"));

    private final List<String> scopes;

    Role(List<String> scopes) {
        this.scopes = scopes;
    }

    public List<String> scopes() {
        return scopes;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value} ({@code admin} or {@code developer}). */
    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.id().equals(value)) {
                    return role;
                }
            }
        }
        throw new AuthException.InvalidInput("role", "role must be \"admin\" or \"developer\".");
    }
}
