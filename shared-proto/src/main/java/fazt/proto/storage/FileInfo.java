package fazt.proto.storage;

import fazt.proto.MessageType;

/** One of an app's files (env.FILES). */
@MessageType("storage.file_info.v1")
public record FileInfo(String path, long size, String contentType, String digest, java.time.Instant updatedAt) {}
