package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fazt pull}: download every file of an app's live version into a directory. */
@Command(
        name = "pull",
        description = {
            "Download every file of an app's live version into a directory.",
            "Refuses a DIR that is not empty unless --force (which overwrites files of",
            "the same name and leaves other files alone)."
        },
        footer = {"", "Example: fazt pull blog ./blog-backup"})
final class PullCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the app")
    String name;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "DIR",
            description = "where to write the files (default: ./NAME)")
    Path dir;

    @Option(
            names = "--force",
            description = "write into DIR even if it is not empty, overwriting files of the same name")
    boolean force;

    @Spec
    CommandSpec spec;

    private record Remote(String path, Path target, String digest) {}

    @Override
    public Integer call() throws IOException {
        Path root = (dir != null ? dir : Path.of(name)).toAbsolutePath().normalize();
        AdminClient admin = Fazt.of(spec).admin();
        JsonNode listing =
                admin.get(AdminClient.path("apps", name, "files")).json().path("files");
        // Check every path before writing anything: a hostile or broken server must not place files outside DIR.
        List<Remote> files = new ArrayList<>();
        for (JsonNode file : listing) {
            String path = file.path("path").asText("");
            files.add(new Remote(path, target(root, path), file.path("digest").asText("")));
        }
        prepare(root);
        long bytes = 0;
        for (Remote file : files) {
            bytes += download(admin, root, file);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("pulled " + files.size() + (files.size() == 1 ? " file" : " files") + " (" + Table.size(bytes)
                + ") of " + name + " into " + root);
        out.flush();
        return 0;
    }

    /** Where {@code path} goes below {@code root}; a failure for absolute paths, {@code ..} and the like. */
    static Path target(Path root, String path) {
        String clean = path.startsWith("/") ? path.substring(1) : path; // "/index.html" is the site's root
        boolean bad = clean.isEmpty()
                || clean.startsWith("/")
                || clean.contains("\\")
                || clean.indexOf('\0') >= 0
                || clean.matches("^[A-Za-z]:.*");
        for (String segment : clean.split("/", -1)) {
            bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        Path target = root.resolve(clean).normalize();
        if (bad || !target.startsWith(root) || target.equals(root)) {
            throw new CliFailure("refusing to write '" + path + "': it would land outside " + root);
        }
        return target;
    }

    private void prepare(Path root) throws IOException {
        if (Files.isSymbolicLink(root) || Files.exists(root) && !Files.isDirectory(root)) {
            throw new CliFailure(root + " exists and is not a directory");
        }
        if (Files.isDirectory(root) && !force) {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new CliFailure(root + " is not empty; pass --force to write into it anyway");
                }
            }
        }
        Files.createDirectories(root);
    }

    private long download(AdminClient admin, Path root, Remote file) throws IOException {
        // With --force, DIR may hold links; writing through one could overwrite a file anywhere, so refuse them.
        for (Path p = file.target(); !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new CliFailure("refusing to write " + file.target() + ": " + p + " is a symbolic link");
            }
        }
        Files.createDirectories(file.target().getParent());
        String[] segments = file.path().replaceFirst("^/", "").split("/");
        String[] path = new String[segments.length + 3];
        path[0] = "apps";
        path[1] = name;
        path[2] = "files";
        System.arraycopy(segments, 0, path, 3, segments.length);
        MessageDigest sha256 = sha256();
        Path partial = file.target().resolveSibling(file.target().getFileName() + ".fazt-partial");
        try (InputStream in = new DigestInputStream(admin.download(AdminClient.path(path)), sha256)) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            String expected = file.digest().toLowerCase(Locale.ROOT).replaceFirst("^sha-?256:", "");
            // The API names files by SHA-256; check when the digest looks like one, so a cut download is noticed.
            if (expected.matches("[0-9a-f]{64}")
                    && !expected.equals(HexFormat.of().formatHex(sha256.digest()))) {
                throw new CliFailure(file.path() + ": downloaded content does not match its digest; try again");
            }
            Files.move(partial, file.target(), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return Files.size(file.target());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
