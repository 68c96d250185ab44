package fazt.proto.storage;

import fazt.proto.MessageType;

/** A committed namespace: how many files and bytes it holds. */
@MessageType("storage.vfs_commit_reply.v1")
public record VfsCommitReply(String namespace, int files, long bytes) {}
