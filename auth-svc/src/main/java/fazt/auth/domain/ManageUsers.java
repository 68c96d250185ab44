package fazt.auth.domain;

import java.time.Instant;
import java.util.List;

/**
 * Accounts: admins create, disable, enable and delete users (the admin routes' declared scope, checked by the router
 * before these run); anyone may sign up as a developer while public signup is on (off by default). Disabling or deleting a user ends their sessions and stops their tokens at once (an event
 * tells every gateway). The last active admin can be neither disabled nor deleted, so fazt never locks its owners out.
 */
public final class ManageUsers {
    private final Users users;
    private final Sessions sessions;
    private final Settings settings;
    private final HashingPool hashing;
    private final AuthEvents events;
    private final AppOwnership ownership;

    public ManageUsers(
            Users users,
            Sessions sessions,
            Settings settings,
            HashingPool hashing,
            AuthEvents events,
            AppOwnership ownership) {
        this.ownership = ownership;
        this.users = users;
        this.sessions = sessions;
        this.settings = settings;
        this.hashing = hashing;
        this.events = events;
    }

    public List<User> list() {
        return users.list();
    }

    public User create(String username, String password, String email, Role role) {
        return createUser(username, password, email, role);
    }

    /** Public signup: a developer account, only while an admin has switched signup on. */
    public User signup(String username, String password, String email) {
        if (!signupEnabled()) {
            throw new AuthException.NotAllowed("signup (public signup is off; ask an admin)");
        }
        return createUser(username, password, email, Role.DEVELOPER);
    }

    public boolean signupEnabled() {
        return settings.get(Settings.SIGNUP).map(Boolean::parseBoolean).orElse(false);
    }

    public boolean setSignup(boolean enabled) {
        settings.put(Settings.SIGNUP, Boolean.toString(enabled));
        return enabled;
    }

    /** Creates the first admin unattended ({@code FAZT_ADMIN_USER}); nothing when that user exists. */
    public boolean ensureAdmin(String username, String password) {
        if (users.byUsername(username).isPresent()) {
            return false;
        }
        createUser(username, password, null, Role.ADMIN);
        return true;
    }

    public User setDisabled(String id, boolean disabled) {
        User user = find(id);
        if (disabled && user.active()) {
            refuseLastAdmin(user);
            users.setDisabled(id, true);
            sessions.endAll(id);
            events.revoked(AuthEvents.Kind.USER_DISABLED, id, null);
        } else if (!disabled) {
            users.setDisabled(id, false);
        }
        return find(id);
    }

    /** What happens to a deleted user's apps: handed to an admin, or deleted; unspecified only for a user without apps. */
    public sealed interface AppHandover {
        record TransferTo(User admin) implements AppHandover {}

        record Delete() implements AppHandover {}

        record Unspecified() implements AppHandover {}
    }

    /** What a deletion did: the user, what happened to their apps, and the names of the apps moved or deleted. */
    public record Deleted(User user, AppHandover handover, List<String> apps) {}

    /** Parses {@code ?apps=transfer:<admin username>}, {@code ?apps=delete}, or nothing. */
    public AppHandover handover(String apps) {
        if (apps == null || apps.isBlank()) {
            return new AppHandover.Unspecified();
        }
        if (apps.equals("delete")) {
            return new AppHandover.Delete();
        }
        if (apps.startsWith("transfer:")) {
            User to = users.byUsername(apps.substring("transfer:".length()))
                    .filter(u -> u.role() == Role.ADMIN && u.active())
                    .orElseThrow(
                            () -> new AuthException.InvalidInput("apps", "transfer:<name> must name an active admin."));
            return new AppHandover.TransferTo(to);
        }
        throw new AuthException.InvalidInput("apps", "?apps must be transfer:<admin username> or delete.");
    }

    /**
     * Deletes a user after settling their apps as {@code handover} says. A user who owns apps is deleted only with an
     * explicit handover. The user is disabled first (sessions and tokens stop everywhere), so no new app can appear
     * between the handover and the deletion; if deploy-svc cannot settle the apps, the user is enabled again and
     * nothing else has changed.
     */
    public Deleted delete(String id, AppHandover handover) {
        User user = find(id);
        if (handover instanceof AppHandover.TransferTo t && t.admin().id().equals(user.id())) {
            throw new AuthException.InvalidInput("apps", "Apps cannot be handed to the user being deleted.");
        }
        refuseLastAdmin(user);
        List<String> owned = ownership.owned(user.id());
        if (handover instanceof AppHandover.Unspecified && !owned.isEmpty()) {
            throw new AuthException.Conflict(
                    "apps",
                    user.username() + " owns " + owned.size() + " app(s) ("
                            + String.join(", ", owned)
                            + "); say what happens to them: ?apps=transfer:<admin username> or"
                            + " ?apps=delete.");
        }
        boolean wasActive = user.active();
        if (wasActive) {
            users.setDisabled(user.id(), true);
            sessions.endAll(user.id());
            events.revoked(AuthEvents.Kind.USER_DISABLED, user.id(), null);
        }
        List<String> settled;
        try {
            settled = switch (handover) {
                case AppHandover.TransferTo t -> ownership.transfer(user.id(), t.admin());
                case AppHandover.Delete d -> ownership.delete(user.id());
                case AppHandover.Unspecified u -> ownership.owned(user.id());
            };
            if (handover instanceof AppHandover.Unspecified && !settled.isEmpty()) {
                throw new AuthException.Conflict(
                        "apps",
                        user.username() + " created an app meanwhile; say what happens"
                                + " to their apps: ?apps=transfer:<admin username> or ?apps=delete.");
            }
        } catch (RuntimeException e) {
            if (wasActive) {
                users.setDisabled(user.id(), false);
            }
            throw e;
        }
        users.delete(user.id());
        events.revoked(AuthEvents.Kind.USER_DISABLED, user.id(), null);
        return new Deleted(user, handover, settled);
    }

    /** The user with this id ({@code u_…}) or username. */
    public User find(String idOrName) {
        return (idOrName.startsWith("u_") ? users.byId(idOrName) : users.byUsername(idOrName))
                .orElseThrow(() -> new AuthException.NotFound("User " + idOrName));
    }

    private void refuseLastAdmin(User user) {
        if (user.role() == Role.ADMIN && user.active() && users.activeAdmins() <= 1) {
            throw new AuthException.Conflict(
                    "id", "This is the last active admin; create or enable another admin first.");
        }
    }

    User createUser(String username, String password, String email, Role role) {
        User user = new User(
                Secret.id("u_"),
                AuthPolicy.checkUsername(username),
                AuthPolicy.checkEmail(email),
                role,
                Instant.now(),
                null);
        users.create(user, hashing.hash(AuthPolicy.checkPassword(password)));
        return user;
    }
}
