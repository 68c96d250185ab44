package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt deploy}: pack a directory, upload it as the app's next version, print where it is live. */
@Command(
        name = "deploy",
        sortOptions = false,
        description = {
            "Upload a directory as the next version of an app and make it live; the first",
            "deploy creates the app. Every file below DIR goes, except .git/ and what",
            "DIR/.faztignore lists (gitignore syntax). Links out of DIR are skipped."
        },
        footer = {
            "",
            "The app's name: --name, else \"name\" in DIR/fazt.json, else DIR's own name",
            "in lower case with anything but a-z, 0-9 and - turned into -. The app is",
            "then served at NAME.<domain>, with the admin URL's scheme and port.",
            "",
            "Examples:",
            "  fazt deploy                      deploy the current directory",
            "  fazt deploy ./public --name blog"
        })
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the directory to deploy (default: .)")
    Path dir = Path.of(".");

    @Option(names = "--name", paramLabel = "NAME", description = "the app to deploy to (see above for the default)")
    String name;

    @Option(names = "--json", description = "print the server's JSON answer instead of a summary")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CliFailure(dir + " is not a directory");
        }
        String app = name != null ? name.strip() : AppName.of(root);
        AdminClient admin = Fazt.of(spec).admin();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path zip = Files.createTempFile("fazt-bundle-", ".zip");
        zip.toFile().deleteOnExit(); // also on Ctrl-C, which skips the finally below
        try {
            BundlePacker.Bundle bundle = BundlePacker.pack(root, zip, warning -> {
                err.println("fazt: warning: " + warning);
                err.flush();
            });
            if (bundle.files() == 0) {
                throw new CliFailure("nothing to deploy: " + dir + " has no files (or .faztignore leaves none)");
            }
            long zipSize = Files.size(zip);
            err.println("packed " + bundle.files() + (bundle.files() == 1 ? " file" : " files") + " ("
                    + Table.size(bundle.bytes()) + ", " + Table.size(zipSize) + " zipped) from " + root);
            err.flush();
            ProgressBar progress = new ProgressBar(err, "uploading " + app, zipSize, Terminal.interactive());
            AdminClient.Reply reply;
            try {
                reply = admin.upload(AdminClient.path("apps", app, "deploy"), zip, progress);
                progress.finish();
            } finally {
                progress.abandon();
            }
            if (json) {
                out.println(reply.body());
            } else {
                JsonNode result = reply.json();
                JsonNode deployed = result.path("app");
                out.println((reply.status() == 201 ? "created " : "deployed ")
                        + deployed.path("name").asText(app)
                        + " version " + result.path("version").asText("?") + " ("
                        + result.path("files").asText("?")
                        + " files, " + result.path("newBlobs").asText("?") + " new)");
                out.println(AppView.url(admin.login().server(), deployed));
                String missing = AppView.missingEnv(result);
                if (missing != null) {
                    err.println("note: fazt.json declares env vars not set yet: " + missing
                            + "; set them with: fazt env set "
                            + deployed.path("name").asText(app) + " KEY=VALUE");
                    err.flush();
                }
            }
            out.flush();
            return 0;
        } finally {
            Files.deleteIfExists(zip);
        }
    }
}
