package fazt.storage.api;

import fazt.proto.storage.FileInfo;
import fazt.storage.domain.files.AppFile;

/** Domain app files as wire records. */
final class WireAppFiles {
    private WireAppFiles() {}

    static FileInfo toWire(AppFile file) {
        return new FileInfo(
                file.path().value(),
                file.size(),
                file.contentType(),
                file.digest().hex(),
                file.updatedAt());
    }
}
