package fazt.proto.storage;

import fazt.proto.MessageType;
import java.time.Instant;

/** One of an app's files (env.FILES). */
@MessageType("storage.file_info.v1")
public record FileInfo(String path, long size, String contentType, String digest, Instant updatedAt) {}
