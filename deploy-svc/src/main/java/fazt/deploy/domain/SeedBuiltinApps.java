package fazt.deploy.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Deploys the apps that ship with fazt when they are absent: {@code root} (the welcome page at the bare domain) and
 * {@code 404} (the page for unknown hosts and paths). They are ordinary apps: an admin may redeploy them; deleted
 * ones come back at the next start.
 */
public final class SeedBuiltinApps {
    /** The built-in apps and the files of each, under {@code builtin/<name>/} on the class path. */
    public static final List<Builtin> BUILTINS =
            List.of(new Builtin("root", List.of("index.html")), new Builtin("404", List.of("index.html", "fazt.json")));

    private final Apps apps;
    private final DeployBundle deploy;

    public SeedBuiltinApps(Apps apps, DeployBundle deploy) {
        this.apps = apps;
        this.deploy = deploy;
    }

    public record Builtin(String name, List<String> files) {}

    /** Deploys the missing built-ins; returns how many it deployed. */
    public int seed() {
        int seeded = 0;
        for (Builtin builtin : BUILTINS) {
            if (apps.find(builtin.name()).isPresent()) {
                continue;
            }
            Path bundle = pack(builtin);
            try {
                deploy.deploy(new AppName(builtin.name()), bundle, "builtin", null);
                seeded++;
            } catch (DeployException.AppNameTaken e) {
                // Another deploy-svc instance seeded it at the same moment: that is the outcome we want.
            } finally {
                bundle.toFile().delete();
            }
        }
        return seeded;
    }

    private static Path pack(Builtin builtin) {
        try {
            Path zip = Files.createTempFile("fazt-builtin-", ".zip");
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream z = new ZipOutputStream(out)) {
                for (String file : builtin.files()) {
                    try (InputStream in =
                            SeedBuiltinApps.class.getResourceAsStream("/builtin/" + builtin.name() + "/" + file)) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    "built-in file missing from the build: " + builtin.name() + "/" + file);
                        }
                        z.putNextEntry(new ZipEntry(file));
                        in.transferTo(z);
                        z.closeEntry();
                    }
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
