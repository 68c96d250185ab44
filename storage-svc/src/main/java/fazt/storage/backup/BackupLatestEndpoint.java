package fazt.storage.backup;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.BackupLatestReply;
import fazt.proto.storage.StorageSubjects;
import jakarta.inject.Singleton;

/**
 * {@code svc.storage.backup.latest}: the newest completed and failed backups, for {@code fazt doctor} (only the
 * gateway may ask: NatsRoles). Names and times only, never an archive's content.
 */
@Singleton
final class BackupLatestEndpoint implements RequestEndpoint {
    private final BackupRuns runs;

    BackupLatestEndpoint(BackupRuns runs) {
        this.runs = runs;
    }

    @Override
    public String subject() {
        return StorageSubjects.BACKUP_LATEST;
    }

    @Override
    public BackupLatestReply handle(IncomingRequest request) {
        return runs.latest();
    }
}
