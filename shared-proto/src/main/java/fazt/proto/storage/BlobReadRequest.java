package fazt.proto.storage;

import fazt.proto.MessageType;

/** Read {@code length} bytes (at most {@link StorageSubjects#CHUNK_SIZE}) of a blob from {@code offset}. */
@MessageType("storage.blob_read_request.v1")
public record BlobReadRequest(String digest, long offset, int length) {}
