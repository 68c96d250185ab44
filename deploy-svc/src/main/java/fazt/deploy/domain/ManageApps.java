package fazt.deploy.domain;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other changes to apps: rollback (switch the live pointer back, nothing re-uploaded), clone (a new app from any
 * kept version, sharing its blobs; env vars are not copied, so a clone never holds the source's secrets), rename
 * (the alias changes, everything the app owns stays, custom domains too), delete (the app and
 * everything it owns go, env vars included, announced by an event; its custom domains are freed, each announced).
 */
public final class ManageApps {
    private static final Logger log = LoggerFactory.getLogger(ManageApps.class);

    private final Apps apps;
    private final SiteFiles files;
    private final AppEvents events;
    private final Domains domains;
    private final DomainEvents domainEvents;

    public ManageApps(Apps apps, SiteFiles files, AppEvents events, Domains domains, DomainEvents domainEvents) {
        this.apps = apps;
        this.files = files;
        this.events = events;
        this.domains = domains;
        this.domainEvents = domainEvents;
    }

    public App get(String name) {
        return apps.find(name).orElseThrow(() -> new DeployException.AppNotFound(name));
    }

    /** Makes {@code version} live, or the newest version older than the live one when null. */
    public AppVersion rollback(String name, Integer version) {
        App app = get(name);
        List<AppVersion> kept = apps.versions(app.id());
        AppVersion target;
        if (version == null) {
            int live = app.liveVersion() == null ? Integer.MAX_VALUE : app.liveVersion();
            target = kept.stream()
                    .filter(v -> v.version() < live)
                    .max(Comparator.comparingInt(AppVersion::version))
                    .orElseThrow(() -> new DeployException.InvalidRequest(
                            "version", "App \"" + name + "\" has no version older than the live one to roll back to."));
        } else {
            target = kept.stream()
                    .filter(v -> v.version() == version)
                    .findFirst()
                    .orElseThrow(() -> new DeployException.VersionNotFound(name, version));
        }
        apps.setLive(app.id(), target.version());
        apps.record(app.id(), "rolled_back", target.version(), "from " + app.liveVersion());
        events.publish(AppEvents.Change.ROLLED_BACK, app.id(), List.of(app.name()), target.version());
        log.info("app rolled back appId={} version={}", app.id(), target.version());
        return target;
    }

    /** A new app {@code as} with the files and manifest of {@code name}'s {@code version} (live when null). */
    public App cloneApp(String name, Integer version, AppName as, AppOwner owner) {
        App source = get(name);
        int wanted = version != null ? version : source.liveVersion();
        AppVersion from =
                apps.version(source.id(), wanted).orElseThrow(() -> new DeployException.VersionNotFound(name, wanted));
        if (apps.find(as.value()).isPresent()) {
            throw new DeployException.AppNameTaken(as.value());
        }
        AppId id = AppId.generate();
        String namespace = id.newNamespace();
        files.commit(namespace, files.list(from.namespace()));
        AppVersion created;
        try {
            created = apps.activate(
                    id,
                    as.value(),
                    true,
                    owner,
                    new Apps.NewVersion(
                            namespace,
                            from.manifest(),
                            from.files(),
                            from.bytes(),
                            "clone of " + source.name() + " v" + from.version(),
                            from.api()));
        } catch (RuntimeException e) {
            files.drop(namespace);
            throw e;
        }
        apps.record(id, "cloned", created.version(), "from " + source.id() + " v" + from.version());
        events.publish(AppEvents.Change.DEPLOYED, id, List.of(as.value()), created.version());
        return get(as.value());
    }

    public App rename(String name, AppName to) {
        App app = get(name);
        if (app.name().equals(to.value())) {
            return app;
        }
        apps.rename(app.id(), to.value());
        apps.record(app.id(), "renamed", null, name + " -> " + to.value());
        events.publish(
                AppEvents.Change.RENAMED,
                app.id(),
                List.of(name, to.value()),
                app.liveVersion() == null ? 0 : app.liveVersion());
        for (Domain domain : domains.ofApp(app.id())) {
            domainEvents.publish(DomainEvents.Change.MAPPED, domain);
        }
        return get(to.value());
    }

    public void delete(String name) {
        App app = get(name);
        List<AppVersion> removed = apps.delete(app.id());
        for (AppVersion version : removed) {
            files.drop(version.namespace());
        }
        apps.record(app.id(), "deleted", null, name);
        events.publish(AppEvents.Change.DELETED, app.id(), List.of(name), 0);
        for (Domain domain : domains.removeAll(app.id())) {
            domainEvents.publish(DomainEvents.Change.REMOVED, domain);
        }
        log.info("app deleted appId={} versions={}", app.id(), removed.size());
    }

    /** The apps {@code ownerId} owns, by name. */
    public List<String> ownedBy(String ownerId) {
        return apps.ownedBy(ownerId).stream().map(App::name).toList();
    }

    /** Hands every app of {@code ownerId} to {@code to}; returns their names. */
    public List<String> handOver(String ownerId, AppOwner to) {
        List<App> owned = apps.ownedBy(ownerId);
        for (App app : owned) {
            apps.setOwner(app.id(), to);
            apps.record(
                    app.id(),
                    "owner",
                    null,
                    (app.owner() == null ? "-" : app.owner().name()) + " -> " + to.name());
        }
        log.info("apps handed over from={} to={} apps={}", ownerId, to.id(), owned.size());
        return owned.stream().map(App::name).toList();
    }

    /** Deletes every app of {@code ownerId}; returns their names. */
    public List<String> deleteOwnedBy(String ownerId) {
        List<String> names = ownedBy(ownerId);
        names.forEach(this::delete);
        return names;
    }

    /** The live version of an app, for serving and downloads. */
    public AppVersion live(String name) {
        App app = get(name);
        return apps.version(app.id(), app.liveVersion()).orElseThrow(() -> new DeployException.AppNotFound(name));
    }
}
