package fazt.proto.storage;

import fazt.proto.MessageType;

/** One page of {@code namespace}'s files in path order, after {@code after} (null: from the start), at most {@code limit} (≤ 1000). */
@MessageType("storage.vfs_list_request.v1")
public record VfsListRequest(String namespace, String after, int limit) {}
