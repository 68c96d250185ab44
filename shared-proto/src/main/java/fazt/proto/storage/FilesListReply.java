package fazt.proto.storage;

import fazt.proto.MessageType;

/** A page of files; {@code cursor} is null on the last page. */
@MessageType("storage.files_list_reply.v1")
public record FilesListReply(java.util.List<FileInfo> files, String cursor) {}
