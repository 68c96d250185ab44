package fazt.deploy.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A validated bundle expanded into a private temporary directory, removed on {@link #close()}. */
public record ExtractedBundle(Path directory, List<BundleFile> files) implements AutoCloseable {
    /** The manifest's path inside a bundle. */
    public static final String MANIFEST = "fazt.json";

    public long totalBytes() {
        return files.stream().mapToLong(BundleFile::size).sum();
    }

    public Optional<BundleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
