package fazt.proto.storage;

import fazt.proto.MessageType;

/**
 * Reply to a blob chunk. {@code received} counts the upload's bytes so far. On the last chunk {@code digest} and
 * {@code size} name the stored blob, and {@code deduplicated} says it was already stored.
 */
@MessageType("storage.blob_written.v1")
public record BlobWritten(String uploadId, long received, String digest, Long size, Boolean deduplicated) {}
