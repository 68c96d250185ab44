package fazt.proto.storage;

import fazt.proto.MessageType;

/** Remove {@code namespace} and its files; blobs no other namespace references are collected. */
@MessageType("storage.vfs_drop_request.v1")
public record VfsDropRequest(String namespace) {}
