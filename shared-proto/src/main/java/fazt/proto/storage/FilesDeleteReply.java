package fazt.proto.storage;

import fazt.proto.MessageType;

/** Whether a file was deleted. */
@MessageType("storage.files_delete_reply.v1")
public record FilesDeleteReply(boolean deleted) {}
