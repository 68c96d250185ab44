package fazt.auth.domain;

import java.util.List;

/**
 * Port: the apps an account owns, kept by deploy-svc. Deleting an account first settles its apps here: they are
 * listed, handed to an admin or deleted. Throws {@link AuthException.Unavailable} when deploy-svc cannot be asked.
 */
public interface AppOwnership {
    /** The names of the apps {@code userId} owns. */
    List<String> owned(String userId);

    /** Hands every app of {@code userId} to {@code admin}; returns their names. */
    List<String> transfer(String userId, User admin);

    /** Deletes every app of {@code userId}; returns their names. */
    List<String> delete(String userId);
}
