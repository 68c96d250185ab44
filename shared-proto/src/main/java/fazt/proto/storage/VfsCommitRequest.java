package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** Create {@code namespace} with exactly these files; every blob must already be stored. */
@MessageType("storage.vfs_commit_request.v1")
public record VfsCommitRequest(String namespace, List<VfsFile> files) {}
