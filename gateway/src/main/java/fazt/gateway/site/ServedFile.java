package fazt.gateway.site;

import java.time.Instant;
import java.util.Objects;

/**
 * A file resolved for a request: its path in the site, content digest (SHA-256 hex), size, and when its version was
 * deployed. The digest names the bytes: two files with the same digest have the same content, which is what lets
 * bodies be cached and validated by digest alone.
 */
public record ServedFile(String path, String digest, long size, Instant lastModified) {
    public ServedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(lastModified, "lastModified");
        if (digest.isEmpty()) {
            throw new IllegalArgumentException("empty digest");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
