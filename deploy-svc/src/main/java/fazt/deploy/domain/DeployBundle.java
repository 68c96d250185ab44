package fazt.deploy.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a bundle to an app, creating the app when new: validate and expand the bundle, read its manifest, upload
 * only the files storage does not hold yet, commit them as a new namespace, then switch the app's live version to it
 * in one transaction. Requests never see a mix of two versions: a namespace is complete before it becomes live. A
 * bundle with server code ({@code api/main.js}) is checked by a runtime between the commit and the switch; code that
 * does not load, or no runtime to check it, refuses the deploy. A rejected bundle changes nothing; a failure after
 * the commit drops the orphaned namespace.
 */
public final class DeployBundle {
    private static final Logger log = LoggerFactory.getLogger(DeployBundle.class);

    private final BundleReader reader;
    private final ManifestParser manifests;
    private final Apps apps;
    private final SiteFiles files;
    private final AppEvents events;
    private final ServerCodeCheck check;
    private final int keepVersions;

    public DeployBundle(
            BundleReader reader,
            ManifestParser manifests,
            Apps apps,
            SiteFiles files,
            AppEvents events,
            ServerCodeCheck check,
            int keepVersions) {
        this.reader = reader;
        this.manifests = manifests;
        this.apps = apps;
        this.files = files;
        this.events = events;
        this.check = check;
        this.keepVersions = keepVersions;
    }

    /** What a deploy did. */
    public record Result(App app, int version, int files, long bytes, int newBlobs, boolean created) {}

    /** Deploys {@code archive} as the next version of {@code name}; a new app is owned by {@code owner} (null: built-in). */
    public Result deploy(AppName name, Path archive, String source, AppOwner owner) {
        long started = System.nanoTime();
        try (ExtractedBundle bundle = reader.read(archive)) {
            Manifest manifest = bundle.file(ExtractedBundle.MANIFEST)
                    .map(f -> manifests.parse(read(f.content())))
                    .orElse(Manifest.EMPTY);
            if (manifest.spa() != null && bundle.file(manifest.spa()).isEmpty()) {
                throw new DeployException.ManifestRejected(
                        "spa", "names " + manifest.spa() + ", which is not in the bundle");
            }
            var existing = apps.find(name.value());
            AppId id = existing.map(App::id).orElseGet(AppId::generate);

            Set<String> digests = new LinkedHashSet<>();
            bundle.files().forEach(f -> digests.add(f.digest()));
            Set<String> missing = new LinkedHashSet<>(files.missing(digests));
            int newBlobs = missing.size();
            for (BundleFile file : bundle.files()) {
                if (missing.remove(file.digest())) {
                    String stored = files.upload(file.content());
                    if (!stored.equals(file.digest())) {
                        throw new DeployException.StorageFailed("upload of " + file.path());
                    }
                }
            }
            String namespace = id.newNamespace();
            List<SiteFile> siteFiles = bundle.files().stream()
                    .map(f -> new SiteFile(f.path(), f.digest(), f.size()))
                    .toList();
            files.commit(namespace, siteFiles);
            boolean api = bundle.file(ServerCodeCheck.ENTRY).isPresent();
            AppVersion version;
            try {
                if (api) {
                    int next = existing.isEmpty()
                            ? 1
                            : apps.versions(id).stream()
                                            .mapToInt(AppVersion::version)
                                            .max()
                                            .orElse(0)
                                    + 1;
                    check.check(id, name.value(), next, namespace);
                }
                version = apps.activate(
                        id,
                        name.value(),
                        existing.isEmpty(),
                        owner,
                        new Apps.NewVersion(namespace, manifest, siteFiles.size(), bundle.totalBytes(), source, api));
            } catch (RuntimeException e) {
                files.drop(namespace);
                throw e;
            }
            apps.record(id, "deployed", version.version(), source);
            events.publish(AppEvents.Change.DEPLOYED, id, List.of(name.value()), version.version());
            prune(id);
            log.info(
                    "app deployed appId={} version={} files={} newBlobs={} api={} ms={}",
                    id,
                    version.version(),
                    siteFiles.size(),
                    newBlobs,
                    api,
                    (System.nanoTime() - started) / 1_000_000);
            App app = apps.find(name.value()).orElseThrow();
            return new Result(
                    app, version.version(), siteFiles.size(), bundle.totalBytes(), newBlobs, existing.isEmpty());
        }
    }

    private void prune(AppId id) {
        for (AppVersion old : apps.prune(id, keepVersions)) {
            files.drop(old.namespace());
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
