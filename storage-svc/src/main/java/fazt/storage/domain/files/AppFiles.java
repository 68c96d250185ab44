package fazt.storage.domain.files;

import fazt.storage.domain.AppId;
import fazt.storage.domain.Digest;
import fazt.storage.domain.PageCursor;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.vfs.VfsPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The use cases of env.FILES: put (after the bytes went through {@code blob.write}), stat, list by prefix and
 * delete. Paths follow {@link VfsPath} (relative, no {@code ..}, no empty segment) and are at most
 * {@value #MAX_PATH_BYTES} bytes of UTF-8.
 */
public final class AppFiles {
    public static final int MAX_PATH_BYTES = 1024;
    public static final int DEFAULT_LIST_LIMIT = 1000;
    public static final int MAX_LIST_LIMIT = 1000;
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** A media type as RFC 9110 spells one, parameters included; printable ASCII only, at most 255 characters. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[\\x21-\\x7e]+/[\\x21-\\x7e]+( *;[\\x20-\\x7e]*)?");

    /** One page of files; {@code next} is the last path when another page may follow. */
    public record Page(List<AppFile> files, String next) {}

    private final FileStore store;

    public AppFiles(FileStore store) {
        this.store = store;
    }

    public AppFile put(AppId app, String path, String digest, long size, String contentType) {
        VfsPath file = path("path", path);
        Digest blob = Digest.of("digest", digest);
        if (size < 0) {
            throw new StorageException.InvalidInput("size", "must be zero or more, got " + size);
        }
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType.trim();
        if (type.length() > 255 || !CONTENT_TYPE.matcher(type).matches()) {
            throw new StorageException.InvalidInput(
                    "contentType", "must be a media type like text/plain, got " + StorageException.shown(contentType));
        }
        return store.put(app, file, blob, size, type);
    }

    public AppFile stat(AppId app, String path) {
        return store.stat(app, path("path", path));
    }

    public boolean delete(AppId app, String path) {
        return store.delete(app, path("path", path));
    }

    public Page list(AppId app, String prefix, String cursor, int limit) {
        int size = PageCursor.limit(limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT);
        if (prefix != null
                && (prefix.length() > MAX_PATH_BYTES || prefix.chars().anyMatch(c -> c < 0x20))) {
            throw new StorageException.InvalidInput(
                    "prefix", "must be at most " + MAX_PATH_BYTES + " characters without control characters");
        }
        String after = PageCursor.decode("cursor", cursor);
        if (after != null) {
            try {
                path("cursor", after);
            } catch (StorageException e) {
                throw new StorageException.InvalidInput("cursor", "is not a cursor returned by this service");
            }
        }
        List<AppFile> files = store.list(app, prefix == null || prefix.isEmpty() ? null : prefix, after, size + 1);
        if (files.size() <= size) {
            return new Page(files, null);
        }
        List<AppFile> page = List.copyOf(files.subList(0, size));
        return new Page(page, PageCursor.encode(page.getLast().path().value()));
    }

    private static VfsPath path(String field, String value) {
        VfsPath path = VfsPath.of(field, value);
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new StorageException.InvalidPath(
                    field, value, "it is longer than " + MAX_PATH_BYTES + " bytes of UTF-8");
        }
        return path;
    }
}
