package fazt.proto.storage;

import fazt.proto.MessageType;

/** The file, or {@code found} false. */
@MessageType("storage.files_stat_reply.v1")
public record FilesStatReply(boolean found, FileInfo file) {}
