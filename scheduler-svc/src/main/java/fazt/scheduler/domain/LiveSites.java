package fazt.scheduler.domain;

import java.util.Optional;

/** Port: what deploy-svc serves live for an app alias (its id, version and storage namespace). */
public interface LiveSites {
    Optional<LiveSite> find(String appName);

    record LiveSite(String appId, String name, int version, String namespace) {}
}
