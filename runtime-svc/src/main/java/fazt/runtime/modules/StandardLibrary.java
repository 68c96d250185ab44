package fazt.runtime.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in npm packages (lodash, marked, uuid, dayjs, zod, ...) that app code imports by bare name. The build
 * fetched them from the npm registry by pinned version and checksum (runtime-svc/pom.xml) and put their code in the
 * jar under {@code fazt/runtime/stdlib/<package>/} with an {@code index.txt} of every file; files are read from the
 * jar once, on first use, and then served from memory to every context of the JVM.
 */
public final class StandardLibrary {
    /** The packages the build embeds (see runtime-svc/pom.xml for the versions). */
    public static final Set<String> PACKAGES = Set.of("lodash", "lodash-es", "marked", "uuid", "dayjs", "zod");

    private static final String RESOURCE_ROOT = "fazt/runtime/stdlib/";
    private static final StandardLibrary INSTANCE = load();

    private final Set<String> files;
    private final Set<String> directories;
    private final ConcurrentHashMap<String, byte[]> contents = new ConcurrentHashMap<>();

    private StandardLibrary(Set<String> files) {
        this.files = Collections.unmodifiableSet(files);
        Set<String> dirs = new HashSet<>();
        for (String file : files) {
            for (int i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) {
                dirs.add(file.substring(0, i));
            }
        }
        this.directories = Collections.unmodifiableSet(dirs);
    }

    /** The library of this build. */
    public static StandardLibrary get() {
        return INSTANCE;
    }

    private static StandardLibrary load() {
        try (InputStream index =
                StandardLibrary.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + "index.txt")) {
            if (index == null) {
                throw new IllegalStateException(
                        "standard library missing from the build (" + RESOURCE_ROOT + "index.txt)");
            }
            Set<String> files = new HashSet<>();
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    files.add(line.strip());
                }
            }
            return new StandardLibrary(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code relative} (like {@code lodash/chunk.js}) is a file of the library. */
    public boolean isFile(String relative) {
        return files.contains(relative);
    }

    /** Whether {@code relative} (like {@code uuid/dist}) is a directory of the library. */
    public boolean isDirectory(String relative) {
        return directories.contains(relative);
    }

    /** The file's bytes, read once from the jar. */
    public Optional<byte[]> read(String relative) {
        if (!files.contains(relative)) {
            return Optional.empty();
        }
        return Optional.of(contents.computeIfAbsent(relative, StandardLibrary::readResource));
    }

    /** How many files the library holds. */
    public int size() {
        return files.size();
    }

    private static byte[] readResource(String relative) {
        try (InputStream in = StandardLibrary.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + relative)) {
            if (in == null) {
                throw new IllegalStateException("standard library file listed but missing: " + relative);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
