package fazt.deploy.domain;

import java.util.List;
import java.util.Optional;

/** Port: the apps and versions deploy-svc owns. Implementations are transactional per method. */
public interface Apps {
    Optional<App> find(String name);

    List<App> list();

    /** The live apps {@code ownerId} owns, by name. */
    List<App> ownedBy(String ownerId);

    /** Hands the app to {@code owner}. */
    void setOwner(AppId id, AppOwner owner);

    /** Kept versions, newest first. */
    List<AppVersion> versions(AppId id);

    Optional<AppVersion> version(AppId id, int version);

    /**
     * The one atomic switch: records a version whose files are already committed to storage and makes it live, creating
     * the app first when {@code create}, owned by {@code owner} (may be null: built-in apps). Throws
     * {@link DeployException.AppNameTaken} when a new app's name is taken.
     */
    AppVersion activate(AppId id, String name, boolean create, AppOwner owner, NewVersion version);

    /** Makes a kept version live again. */
    void setLive(AppId id, int version);

    void rename(AppId id, String newName);

    /** Marks the app deleted (its id is never reused) and removes its versions; returns them. */
    List<AppVersion> delete(AppId id);

    /** Removes versions beyond the newest {@code keep} (never the live one); returns them. */
    List<AppVersion> prune(AppId id, int keep);

    /** Appends to the app's history. */
    void record(AppId id, String kind, Integer version, String detail);

    /** A version about to become live: its files are in storage under {@code namespace}; {@code api}: has server code. */
    record NewVersion(String namespace, Manifest manifest, int files, long bytes, String source, boolean api) {}
}
