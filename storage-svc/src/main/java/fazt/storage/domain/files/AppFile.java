package fazt.storage.domain.files;

import fazt.storage.domain.Digest;
import fazt.storage.domain.vfs.VfsPath;
import java.time.Instant;

/** One of an app's files: a path pointing at a stored blob, with its size, content type and last change. */
public record AppFile(VfsPath path, Digest digest, long size, String contentType, Instant updatedAt) {}
