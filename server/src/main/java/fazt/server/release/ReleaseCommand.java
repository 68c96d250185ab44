package fazt.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fazt-server release check|fetch|images}: the verifying half of an upgrade (docs/upgrade.md, ADR 43). It
 * reads a release's {@code release.json} and {@code release.json.minisig}, verifies the signature with the key pinned
 * in the installed release, and then either reports what would change ({@code check}), fetches and verifies every
 * file of the jar mode into a new versioned directory ({@code fetch}, which prints that directory last), or prints
 * the verified image references of the compose mode ({@code images}). It never stops or starts anything; the callers
 * (scripts/stack upgrade, scripts/lib/upgrade-compose.sh) do that only after it succeeded.
 *
 * <pre>
 * fazt-server release check  --from DIR|URL --key release.pub [--current DIR]
 * fazt-server release fetch  --from DIR|URL --key release.pub --into RELEASES_DIR [--current DIR]
 * fazt-server release images --from DIR|URL --key release.pub
 * </pre>
 */
public final class ReleaseCommand {
    static final int MAX_SIGNATURE_BYTES = 4096;
    static final String MANIFEST = "release.json";
    static final String SIGNATURE = "release.json.minisig";
    static final String PUBLIC_KEY = "release.pub";

    private ReleaseCommand() {}

    /** Runs the command; returns the exit status (0 done, 1 refused or failed, 2 bad usage). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        String command = args.isEmpty() ? "" : args.getFirst();
        for (int i = 1; i < args.size(); i++) {
            String name = args.get(i);
            if (!List.of("--from", "--key", "--into", "--current").contains(name) || i + 1 >= args.size()) {
                err.println("fazt: release: unexpected argument \"" + name + "\"\n" + usage());
                return 2;
            }
            options.put(name, args.get(++i));
        }
        if (!List.of("check", "fetch", "images").contains(command)
                || !options.containsKey("--from")
                || !options.containsKey("--key")
                || (command.equals("fetch") && !options.containsKey("--into"))) {
            err.println("fazt: release: " + usage());
            return 2;
        }
        try {
            Verified release = verify(ReleaseSource.of(options.get("--from")), Path.of(options.get("--key")));
            Path current = options.containsKey("--current") ? Path.of(options.get("--current")) : null;
            switch (command) {
                case "check" -> check(release, current, out);
                case "fetch" -> out.println(fetch(release, current, Path.of(options.get("--into")), err));
                default -> images(release, out);
            }
            return 0;
        } catch (ReleaseException e) {
            err.println("fazt: " + e.getMessage());
            return 1;
        }
    }

    /** A manifest whose signature was verified, with the source it came from. */
    record Verified(ReleaseSource source, ReleaseManifest manifest, byte[] json, byte[] signature, String trusted) {}

    static Verified verify(ReleaseSource source, Path keyFile) throws ReleaseException {
        Minisign.Key key;
        try {
            key = Minisign.parseKey(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReleaseException("cannot read the pinned release key " + keyFile + ": " + e.getMessage());
        }
        byte[] json = source.read(MANIFEST, ReleaseManifest.MAX_BYTES);
        byte[] signature = source.read(SIGNATURE, MAX_SIGNATURE_BYTES);
        String trusted = Minisign.verify(json, new String(signature, StandardCharsets.UTF_8), key);
        ReleaseManifest manifest = ReleaseManifest.parse(json);
        return new Verified(source, manifest, json, signature, trusted + " (key " + key.id() + ")");
    }

    private static void check(Verified release, Path current, PrintStream out) throws ReleaseException {
        ReleaseManifest available = release.manifest();
        ReleaseManifest installed = current == null ? null : installed(current);
        out.println(
                "current:   " + (installed == null ? "unknown (not installed from a release)" : installed.version()));
        out.println("available: " + available.version() + ", created " + available.created() + ", signature good: "
                + release.trusted());
        if (!available.files().isEmpty()) {
            List<String> changed = new ArrayList<>();
            for (ReleaseManifest.JarFile f : available.files()) {
                boolean same = installed != null && installed.files().contains(f);
                if (!same) {
                    changed.add(f.path());
                }
            }
            out.println("jar mode:  " + changed.size() + " of "
                    + available.files().size() + " files differ" + (changed.isEmpty() ? "" : ": " + summary(changed)));
        }
        if (!available.images().isEmpty()) {
            out.println("compose:   " + available.images().size() + " images pinned by digest");
        }
        if (installed != null && installed.version().equals(available.version())) {
            out.println("up to date");
        }
    }

    private static String summary(List<String> paths) {
        List<String> shown =
                paths.stream().filter(p -> !p.contains("/lib/")).limit(8).toList();
        long rest = paths.size() - shown.size();
        return String.join(", ", shown) + (rest > 0 ? " and " + rest + " libraries" : "");
    }

    private static ReleaseManifest installed(Path current) throws ReleaseException {
        Path json = current.resolve(MANIFEST);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            return ReleaseManifest.parse(Files.readAllBytes(json));
        } catch (IOException e) {
            throw new ReleaseException("cannot read the installed " + json + ": " + e.getMessage());
        }
    }

    /**
     * Every file of the jar mode into {@code into/<version>}: a file the installed release has with the same hash
     * is copied from there, the others are read from the source; each is checked for its size and SHA-256 while it
     * is written into a staging directory, which is renamed into place only when all are good.
     */
    static Path fetch(Verified release, Path current, Path into, PrintStream err) throws ReleaseException {
        ReleaseManifest manifest = release.manifest();
        if (manifest.files().isEmpty()) {
            throw new ReleaseException("release " + manifest.version() + " has no jar.files (a compose-only release)");
        }
        if (manifest.files().stream().noneMatch(f -> f.path().equals(PUBLIC_KEY))) {
            throw new ReleaseException("release " + manifest.version() + " ships no " + PUBLIC_KEY
                    + " (the key the next upgrade is verified with): refused");
        }
        Path target = into.resolve(manifest.version());
        Path staging = into.resolve("." + manifest.version() + ".partial");
        try {
            Files.createDirectories(into);
            if (current != null && Files.exists(target) && Files.isSameFile(current, target)) {
                throw new ReleaseException("release " + manifest.version() + " is the one installed");
            }
            Tree.delete(staging);
            Files.createDirectories(staging);
            int reused = 0;
            for (ReleaseManifest.JarFile f : manifest.files()) {
                Path out = staging.resolve(f.path());
                Files.createDirectories(out.getParent());
                Path local = current == null ? null : current.resolve(f.path());
                if (local != null && Files.isRegularFile(local) && Hashing.matches(local, f)) {
                    Files.copy(local, out);
                    reused++;
                } else {
                    try (InputStream in = release.source().open(f.path());
                            OutputStream to = Files.newOutputStream(out)) {
                        Hashing.copyChecked(in, to, f);
                    }
                }
                if (f.path().startsWith("bin/") || f.path().startsWith("scripts/")) {
                    out.toFile().setExecutable(true, false);
                }
            }
            Files.write(staging.resolve(MANIFEST), release.json());
            Files.write(staging.resolve(SIGNATURE), release.signature());
            Tree.delete(target);
            Files.move(staging, target);
            err.println("fazt: release " + manifest.version() + " verified into " + target + " ("
                    + manifest.files().size() + " files, " + reused + " unchanged from the installed release)");
            return target;
        } catch (IOException e) {
            throw new ReleaseException("fetching release " + manifest.version() + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Tree.delete(staging);
            } catch (IOException ignored) {
                // a leftover staging directory is replaced by the next fetch
            }
        }
    }

    private static void images(Verified release, PrintStream out) throws ReleaseException {
        if (release.manifest().images().isEmpty()) {
            throw new ReleaseException("release " + release.manifest().version() + " has no compose.images");
        }
        out.println("version " + release.manifest().version());
        release.manifest().images().forEach(i -> out.println(i.service() + " " + i.image()));
    }

    private static String usage() {
        return """
                usage: fazt-server release check  --from DIR|URL --key release.pub [--current DIR]
                       fazt-server release fetch  --from DIR|URL --key release.pub --into DIR [--current DIR]
                       fazt-server release images --from DIR|URL --key release.pub""";
    }
}
