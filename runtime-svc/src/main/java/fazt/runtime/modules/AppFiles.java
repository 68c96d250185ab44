package fazt.runtime.modules;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server code of one app version: every file under {@code api/} of its bundle, by bundle path
 * ({@code api/main.js}), together with the standard library, as one read-only {@link ModuleSources}.
 */
public final class AppFiles implements ModuleSources {
    /** The entry point every app with server code has. */
    public static final String MAIN = "api/main.js";

    private final Map<String, byte[]> files;
    private final Set<String> directories = new HashSet<>();
    private final StandardLibrary stdlib;
    private final long bytes;

    public AppFiles(Map<String, byte[]> files, StandardLibrary stdlib) {
        this.files = Map.copyOf(files);
        this.stdlib = stdlib;
        long total = 0;
        for (Map.Entry<String, byte[]> file : this.files.entrySet()) {
            total += file.getValue().length;
            String path = file.getKey();
            for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                directories.add(path.substring(0, i));
            }
        }
        this.bytes = total;
    }

    /** Whether the version has server code at all. */
    public boolean hasMain() {
        return files.containsKey(MAIN);
    }

    /** The absolute virtual path of the entry point. */
    public static String mainPath() {
        return APP_ROOT + MAIN;
    }

    /** Total size of the app's own files, for cache accounting. */
    public long bytes() {
        return bytes;
    }

    @Override
    public Optional<byte[]> read(String absolutePath) {
        if (absolutePath.startsWith(APP_ROOT)) {
            return Optional.ofNullable(files.get(absolutePath.substring(APP_ROOT.length())));
        }
        if (absolutePath.startsWith(STDLIB_ROOT)) {
            return stdlib.read(absolutePath.substring(STDLIB_ROOT.length()));
        }
        return Optional.empty();
    }

    @Override
    public boolean isFile(String absolutePath) {
        if (absolutePath.startsWith(APP_ROOT)) {
            return files.containsKey(absolutePath.substring(APP_ROOT.length()));
        }
        return absolutePath.startsWith(STDLIB_ROOT) && stdlib.isFile(absolutePath.substring(STDLIB_ROOT.length()));
    }

    @Override
    public boolean isDirectory(String absolutePath) {
        if (absolutePath.startsWith(APP_ROOT)) {
            return directories.contains(absolutePath.substring(APP_ROOT.length()));
        }
        return absolutePath.startsWith(STDLIB_ROOT) && stdlib.isDirectory(absolutePath.substring(STDLIB_ROOT.length()));
    }
}
