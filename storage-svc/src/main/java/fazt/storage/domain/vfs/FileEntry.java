package fazt.storage.domain.vfs;

import fazt.storage.domain.Digest;

/** One file of a namespace: its path, the blob holding its bytes and their count. */
public record FileEntry(VfsPath path, Digest digest, long size) {}
