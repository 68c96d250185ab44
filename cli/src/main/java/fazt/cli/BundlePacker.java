package fazt.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a directory into a bundle: a zip streamed to a file, entries named by their {@code /}-separated path below
 * the directory, in a stable (sorted) order, without what {@link IgnoreRules} leaves out. Symbolic links are never
 * traversed: a link to a file inside the directory is packed as a copy of that file, a link to a directory or to
 * anything outside it is skipped with a warning, so a bundle can never carry {@code ~/.ssh} by accident.
 */
final class BundlePacker {
    /** What went into the zip: its file, the number of files and their total size before compression. */
    record Bundle(Path zip, int files, long bytes) {}

    private final Path root;
    private final Path realRoot;
    private final IgnoreRules rules;
    private final Consumer<String> warnings;
    private int files;
    private long bytes;

    private BundlePacker(Path root, IgnoreRules rules, Consumer<String> warnings) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.rules = rules;
        this.warnings = warnings;
    }

    /** Packs {@code dir} into {@code zip} (created or replaced), following {@code dir/.faztignore}. */
    static Bundle pack(Path dir, Path zip, Consumer<String> warnings) {
        return pack(dir, zip, IgnoreRules.load(dir), warnings);
    }

    static Bundle pack(Path dir, Path zip, IgnoreRules rules, Consumer<String> warnings) {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(zip), 64 * 1024);
                ZipOutputStream out = new ZipOutputStream(file)) {
            BundlePacker packer = new BundlePacker(dir, rules, warnings);
            packer.addDirectory(out, dir, "");
            out.finish();
            return new Bundle(zip, packer.files, packer.bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot pack " + dir + ": " + e.getMessage());
        }
    }

    private void addDirectory(ZipOutputStream out, Path dir, String prefix) throws IOException {
        for (Path child : sortedChildren(dir)) {
            String path = prefix + child.getFileName().toString();
            BasicFileAttributes attributes =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                if (!rules.ignored(path, true)) {
                    addDirectory(out, child, path + "/");
                }
            } else if (attributes.isRegularFile()) {
                if (!rules.ignored(path, false)) {
                    addFile(out, child, path, attributes);
                }
            } else if (attributes.isSymbolicLink()) {
                addLink(out, child, path);
            } else if (!rules.ignored(path, false)) {
                warnings.accept("skipping " + path + ": not a regular file");
            }
        }
    }

    private void addLink(ZipOutputStream out, Path link, String path) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            if (!rules.ignored(path, false)) {
                warnings.accept("skipping " + path + ": a broken symbolic link");
            }
            return;
        }
        boolean directory = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (rules.ignored(path, directory)) {
            return;
        }
        if (!target.startsWith(realRoot)) {
            warnings.accept("skipping " + path + ": a symbolic link to " + target + ", outside " + root);
        } else if (directory) {
            // Following would risk loops and double packing; the directory it names is packed in its own place.
            warnings.accept("skipping " + path + ": a symbolic link to a directory (links are not followed)");
        } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            addFile(
                    out,
                    target,
                    path,
                    Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } else {
            warnings.accept("skipping " + path + ": not a regular file");
        }
    }

    private void addFile(ZipOutputStream out, Path file, String path, BasicFileAttributes attributes)
            throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setLastModifiedTime(attributes.lastModifiedTime());
        out.putNextEntry(entry);
        // NOFOLLOW_LINKS: if the file was swapped for a link since we looked, fail rather than pack its target.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes += in.transferTo(out);
        }
        out.closeEntry();
        files++;
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        return children;
    }
}
