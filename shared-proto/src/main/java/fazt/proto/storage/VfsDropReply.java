package fazt.proto.storage;

import fazt.proto.MessageType;

/** What a drop removed: files of the namespace and blobs collected because nothing referenced them any more. */
@MessageType("storage.vfs_drop_reply.v1")
public record VfsDropReply(String namespace, int files, int blobsCollected) {}
