package fazt.scheduler.messaging;

import fazt.platform.nats.NatsRequester;
import fazt.proto.storage.BackupStartReply;
import fazt.proto.storage.BackupStartRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.scheduler.domain.BackupStarter;
import jakarta.inject.Singleton;
import java.time.Instant;

/** {@link BackupStarter} over {@code svc.storage.backup.start}. */
@Singleton
final class NatsBackupStarter implements BackupStarter {
    private final NatsRequester requester;

    NatsBackupStarter(NatsRequester requester) {
        this.requester = requester;
    }

    @Override
    public BackupStartReply start(Instant tick) {
        return requester.call(
                StorageSubjects.BACKUP_START,
                new BackupStartRequest(BackupStartRequest.SCHEDULE, tick),
                BackupStartReply.class,
                StorageSubjects.BACKUP_START_TIMEOUT);
    }
}
