package fazt.deploy.domain;

import java.util.List;

/** Port: announces that what an app serves (or its env) changed, so gateways and runtimes drop what went stale. */
public interface AppEvents {
    enum Change {
        DEPLOYED,
        ROLLED_BACK,
        RENAMED,
        DELETED,
        ENV_CHANGED
    }

    void publish(Change change, AppId id, List<String> names, int version);
}
