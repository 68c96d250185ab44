package fazt.runtime.modules;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file system a context sees: read-only, in memory, holding nothing but the app version's {@code api/}
 * files and the standard library ({@link ModuleSources}). GraalJS's ES module loader reads through it; bare
 * specifiers ({@code "zod"}) and Node-style paths without extension are resolved here by {@link ModuleResolver}, and
 * the canonical path ({@link #toRealPath}) is the resolved file, so {@code ./x} and {@code ./x.js} are one module.
 * A CommonJS file imported by an ES module is served as a small ES wrapper that {@code require}s it
 * ({@link CommonJsExports#esmWrapper}). Writes, directory listings and everything outside are refused.
 */
public final class ModuleFileSystem implements FileSystem {
    /** Where a bare specifier lands when the loader parses it; {@link #toRealPath} resolves it in the library. */
    static final String BARE_ROOT = "/node_modules/";
    /**
     * The module served at the loader path: {@link ModuleGlobals#install} hands it the CommonJS loader once, and the
     * ES wrappers of CommonJS files import {@code requireAbsolute} from it.
     */
    static final byte[] LOADER_SOURCE = ("export let requireAbsolute = null;\n"
                    + "export function install(f) { if (requireAbsolute === null) requireAbsolute = f; }\n")
            .getBytes(StandardCharsets.UTF_8);

    private final ModuleSources sources;
    private final ModuleResolver resolver;
    private final String loaderPath;

    public ModuleFileSystem(ModuleSources sources, ModuleResolver resolver, String loaderPath) {
        this.sources = sources;
        this.resolver = resolver;
        this.loaderPath = loaderPath;
    }

    @Override
    public Path parsePath(URI uri) {
        // Only file: URIs name files; any other scheme (node:fs, https://...) is a bare name that resolves to nothing.
        if ("file".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null) {
            return Path.of(uri.getPath());
        }
        return Path.of(BARE_ROOT + uri);
    }

    @Override
    public Path parsePath(String path) {
        if (path.startsWith("/") || path.startsWith(".")) {
            return Path.of(path);
        }
        return Path.of(BARE_ROOT + path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(path.toString());
        }
        if (real(path).isEmpty() && !sources.isDirectory(path.toString())) {
            throw new NoSuchFileException(path.toString());
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString());
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ) {
                throw new AccessDeniedException(path.toString());
            }
        }
        String file = real(path).orElseThrow(() -> new NoSuchFileException(path.toString()));
        if (file.equals(loaderPath)) {
            return new ReadOnlyChannel(LOADER_SOURCE);
        }
        byte[] bytes = sources.read(file).orElseThrow(() -> new NoSuchFileException(path.toString()));
        if (!resolver.isEsm(file)) {
            bytes = CommonJsExports.esmWrapper(file, new String(bytes, StandardCharsets.UTF_8), loaderPath)
                    .getBytes(StandardCharsets.UTF_8);
        }
        return new ReadOnlyChannel(bytes);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        throw new AccessDeniedException(dir.toString());
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : Path.of("/").resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return Path.of(real(path).orElseThrow(() -> new NoSuchFileException(path.toString())));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String name = ModuleResolver.normalize(toAbsolutePath(path).toString());
        if (name.equals(loaderPath)) {
            return attributes(true, false, LOADER_SOURCE.length);
        }
        boolean file = sources.isFile(name);
        boolean directory = !file && sources.isDirectory(name);
        if (!file && !directory) {
            throw new NoSuchFileException(path.toString());
        }
        return attributes(
                file, directory, file ? sources.read(name).map(b -> b.length).orElse(0) : 0);
    }

    private static Map<String, Object> attributes(boolean file, boolean directory, long size) {
        FileTime epoch = FileTime.fromMillis(0);
        Map<String, Object> result = new HashMap<>();
        result.put("isRegularFile", file);
        result.put("isDirectory", directory);
        result.put("isSymbolicLink", false);
        result.put("isOther", false);
        result.put("size", size);
        result.put("lastModifiedTime", epoch);
        result.put("lastAccessTime", epoch);
        result.put("creationTime", epoch);
        result.put("fileKey", null);
        return result;
    }

    private Optional<String> real(Path path) {
        String name = toAbsolutePath(path).toString();
        if (name.equals(loaderPath)) {
            return Optional.of(loaderPath);
        }
        if (name.startsWith(BARE_ROOT)) {
            return resolver.resolve("/", name.substring(BARE_ROOT.length()), ModuleResolver.Mode.IMPORT);
        }
        return resolver.resolvePath(ModuleResolver.normalize(name));
    }

    /** A read-only channel over bytes held in memory. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] data;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] data) {
            this.data = data;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(dst.remaining(), data.length - position);
            dst.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, data.length);
            return this;
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
