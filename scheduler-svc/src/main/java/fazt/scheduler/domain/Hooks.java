package fazt.scheduler.domain;

import java.util.List;
import java.util.Optional;

/** Port: webhook endpoints. */
public interface Hooks {
    /** Stores a new hook; false when the app already has one of that name. */
    boolean create(Hook hook);

    Optional<Hook> find(String hookId);

    List<Hook> of(String appId);

    /** Deletes the app's hook with this name or id; false when there is none. */
    boolean delete(String appId, String nameOrId);
}
