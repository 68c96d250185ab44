package fazt.proto.storage;

import fazt.proto.MessageType;

/** One file of a namespace: a relative path ({@code docs/index.html}, no leading slash), its blob and size. */
@MessageType("storage.vfs_file.v1")
public record VfsFile(String path, String digest, long size) {}
