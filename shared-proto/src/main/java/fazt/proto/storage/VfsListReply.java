package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** A page of files; {@code next} is the {@code after} of the next page, null after the last. */
@MessageType("storage.vfs_list_reply.v1")
public record VfsListReply(List<VfsFile> files, String next) {}
