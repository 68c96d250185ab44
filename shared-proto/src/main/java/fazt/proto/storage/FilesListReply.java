package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** A page of files; {@code cursor} is null on the last page. */
@MessageType("storage.files_list_reply.v1")
public record FilesListReply(List<FileInfo> files, String cursor) {}
