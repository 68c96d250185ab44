package fazt.runtime.modules;

import java.util.Optional;

/**
 * The files a context may load code from, by absolute virtual path: the app version's {@code api/} files under
 * {@link #APP_ROOT} and the built-in standard library under {@link #STDLIB_ROOT}. Nothing else exists for app code:
 * there is no real file system behind it.
 */
public interface ModuleSources {
    /** Where the app's own files live: {@code api/main.js} of the bundle is {@code /app/api/main.js}. */
    String APP_ROOT = "/app/";
    /** Where the standard library's packages live: {@code /stdlib/lodash/lodash.js}. */
    String STDLIB_ROOT = "/stdlib/";

    /** The file's bytes, or empty when there is no such file (directories are not files). */
    Optional<byte[]> read(String absolutePath);

    /** Whether a file exists at the path. */
    boolean isFile(String absolutePath);

    /** Whether some file lives under the path as a directory. */
    boolean isDirectory(String absolutePath);

    /** The path as the author knows it: {@code api/lib/x.js} for {@code /app/api/lib/x.js}. */
    static String display(String absolutePath) {
        if (absolutePath == null) {
            return null;
        }
        if (absolutePath.startsWith(APP_ROOT)) {
            return absolutePath.substring(APP_ROOT.length());
        }
        return absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
    }
}
