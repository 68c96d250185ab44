package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** The candidate paths that exist, in request order, with their blobs. */
@MessageType("storage.vfs_stat_reply.v1")
public record VfsStatReply(List<VfsFile> found) {}
