package fazt.scheduler.domain;

import fazt.proto.storage.BackupStartReply;
import java.time.Instant;

/** Port: asks storage-svc to start the backup of one FAZT_BACKUP_CRON tick; throws when it cannot be asked. */
public interface BackupStarter {
    BackupStartReply start(Instant tick);
}
