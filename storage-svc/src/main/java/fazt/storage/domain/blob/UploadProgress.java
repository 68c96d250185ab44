package fazt.storage.domain.blob;

import fazt.storage.domain.Digest;

/**
 * Where an upload stands after a chunk: bytes received so far and, once closed, the blob it became ({@code digest},
 * {@code size}) and whether that blob was already stored ({@code deduplicated}); those three are null before.
 */
public record UploadProgress(UploadId upload, long received, Digest digest, Long size, Boolean deduplicated) {
    public static UploadProgress open(UploadId upload, long received) {
        return new UploadProgress(upload, received, null, null, null);
    }

    public static UploadProgress closed(UploadId upload, Digest digest, long size, boolean deduplicated) {
        return new UploadProgress(upload, size, digest, size, deduplicated);
    }
}
