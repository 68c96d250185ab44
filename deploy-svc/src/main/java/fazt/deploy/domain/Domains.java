package fazt.deploy.domain;

import fazt.proto.deploy.DomainState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the custom domains of live apps. Implementations are transactional per method. */
public interface Domains {
    Optional<Domain> find(String name);

    /** Every domain of every live app, by name. */
    List<Domain> list();

    List<Domain> ofApp(AppId id);

    /**
     * Maps {@code name} to the app, pending, with {@code token}, unless the app already has {@code maxPerApp} domains;
     * throws {@link DeployException.DomainTaken} naming the holder when another app has it.
     */
    Domain add(String name, AppId id, String token, int maxPerApp);

    /** Removes one mapping; false when the app has no such domain. */
    boolean remove(AppId id, String name);

    /** Removes every domain of the app and returns them as they were. */
    List<Domain> removeAll(AppId id);

    /**
     * Claims up to {@code limit} domains whose next check is due, pushing their next check {@code leaseSeconds}
     * ahead so another instance does not check them at the same time.
     */
    List<Domain> claimDue(int limit, int leaseSeconds);

    /** Records a check's outcome and when to check next; returns the domain as it now stands, if still mapped. */
    Optional<Domain> recordCheck(
            String name,
            DomainState state,
            String reason,
            int failures,
            Instant verifiedAt,
            Instant checkedAt,
            Instant nextCheck);
}
