package fazt.storage.api;

import fazt.proto.storage.VfsFile;
import fazt.storage.domain.vfs.FileEntry;

/** Domain file entries as wire records. */
final class WireFiles {
    private WireFiles() {}

    static VfsFile toWire(FileEntry file) {
        return new VfsFile(file.path().value(), file.digest().hex(), file.size());
    }
}
