package fazt.deploy.domain;

import fazt.proto.auth.Principal;

/**
 * The account that answers for an app: auth-svc's subject id (stable) and its username when it became the owner (for
 * listings). Apps created by the bootstrap token are owned by {@code bootstrap}, the operator's own credential.
 */
public record AppOwner(String id, String name) {
    public AppOwner {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("owner id is required");
        }
    }

    /** The caller who creates an app becomes its owner. */
    public static AppOwner of(Principal caller) {
        String name = BOOTSTRAP.equals(caller.subject()) ? "bootstrap admin" : caller.name();
        return new AppOwner(caller.subject(), name);
    }

    private static final String BOOTSTRAP = "bootstrap";
}
