package fazt.auth.domain;

import fazt.proto.auth.Principal;
import java.time.Instant;
import java.util.List;

/**
 * Accounts: admins create, disable, enable and delete users; anyone may sign up as a developer while public signup
 * is on (off by default). Disabling or deleting a user ends their sessions and stops their tokens at once (an event
 * tells every gateway). The last active admin can be neither disabled nor deleted, so fazt never locks its owners out.
 */
public final class ManageUsers {
    private final Users users;
    private final Sessions sessions;
    private final Settings settings;
    private final PasswordHasher hasher;
    private final AuthEvents events;

    public ManageUsers(Users users, Sessions sessions, Settings settings, PasswordHasher hasher, AuthEvents events) {
        this.users = users;
        this.sessions = sessions;
        this.settings = settings;
        this.hasher = hasher;
        this.events = events;
    }

    public List<User> list(Principal who) {
        if (!who.allows(Principal.READ)) {
            throw new AuthException.NotAllowed("read");
        }
        return users.list();
    }

    public User create(Principal who, String username, String password, String email, Role role) {
        ManageTokens.requireAdmin(who);
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

    public boolean setSignup(Principal who, boolean enabled) {
        ManageTokens.requireAdmin(who);
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

    public User setDisabled(Principal who, String id, boolean disabled) {
        ManageTokens.requireAdmin(who);
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

    /** What happens to a deleted user's apps: handed to an admin, or deleted. Always explicit. */
    public sealed interface AppHandover {
        record TransferTo(User admin) implements AppHandover {}
        record Delete() implements AppHandover {}
    }

    /** Parses {@code ?apps=transfer:<admin username>} or {@code ?apps=delete}. */
    public AppHandover handover(String apps) {
        if (apps == null || apps.isBlank()) {
            throw new AuthException.InvalidInput("apps", "Say what happens to the user's apps:"
                    + " ?apps=transfer:<admin username> or ?apps=delete.");
        }
        if (apps.equals("delete")) {
            return new AppHandover.Delete();
        }
        if (apps.startsWith("transfer:")) {
            User to = users.byUsername(apps.substring("transfer:".length()))
                    .filter(u -> u.role() == Role.ADMIN && u.active())
                    .orElseThrow(() -> new AuthException.InvalidInput("apps", "transfer:<name> must name an active admin."));
            return new AppHandover.TransferTo(to);
        }
        throw new AuthException.InvalidInput("apps", "?apps must be transfer:<admin username> or delete.");
    }

    public User delete(Principal who, String id, AppHandover handover) {
        ManageTokens.requireAdmin(who);
        User user = find(id);
        if (handover instanceof AppHandover.TransferTo t && t.admin().id().equals(id)) {
            throw new AuthException.InvalidInput("apps", "Apps cannot be handed to the user being deleted.");
        }
        refuseLastAdmin(user);
        users.delete(id);
        events.revoked(AuthEvents.Kind.USER_DISABLED, id, null);
        return user;
    }

    /** The user with this id ({@code u_…}) or username. */
    public User find(String idOrName) {
        return (idOrName.startsWith("u_") ? users.byId(idOrName) : users.byUsername(idOrName))
                .orElseThrow(() -> new AuthException.NotFound("User " + idOrName));
    }

    private void refuseLastAdmin(User user) {
        if (user.role() == Role.ADMIN && user.active() && users.activeAdmins() <= 1) {
            throw new AuthException.Conflict("id", "This is the last active admin; create or enable another admin first.");
        }
    }

    User createUser(String username, String password, String email, Role role) {
        User user = new User(Secret.id("u_"), AuthPolicy.checkUsername(username), AuthPolicy.checkEmail(email), role,
                Instant.now(), null);
        users.create(user, hasher.hash(AuthPolicy.checkPassword(password)));
        return user;
    }
}
