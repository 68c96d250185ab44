package fazt.storage.backup;

import fazt.proto.storage.BackupCheck;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicLong;

/** Reads an archive back from the target and checks its manifest and every part's size and SHA-256. */
@Singleton
final class VerifyBackup {
    private final Backups backups;

    VerifyBackup(Backups backups) {
        this.backups = backups;
    }

    /** The archive's summary when it is whole; {@link ArchiveRefused} when not, {@link NoSuchFileException} if none. */
    BackupCheck verify(String name) throws IOException {
        AtomicLong bytes = new AtomicLong();
        BackupManifest manifest;
        try (InputStream in = backups.target.open(BackupNames.require(name))) {
            manifest = BackupArchive.check(in, null, bytes::addAndGet);
        }
        return new BackupCheck(
                name,
                manifest.faztVersion(),
                manifest.createdAt(),
                manifest.snapshot(),
                manifest.key(),
                bytes.get(),
                manifest.parts().stream()
                        .map(p -> p.name() + " " + p.size() + " " + p.sha256())
                        .toList());
    }
}
