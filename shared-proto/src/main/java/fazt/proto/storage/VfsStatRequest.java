package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** Which of these candidate paths (at most 16) exist in {@code namespace}? One round trip for a lookup chain. */
@MessageType("storage.vfs_stat_request.v1")
public record VfsStatRequest(String namespace, List<String> paths) {}
