package fazt.storage.backup;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BackupStartReply;
import fazt.proto.storage.BackupStartRequest;
import fazt.proto.storage.StorageSubjects;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code svc.storage.backup.start}: scheduler-svc's request for the backup of one FAZT_BACKUP_CRON tick. Only
 * scheduler-svc may send it (NatsRoles); the backup runs in the background as {@code POST /api/backups} does.
 */
@Singleton
final class BackupStartEndpoint implements RequestEndpoint {
    private final CreateBackup create;

    BackupStartEndpoint(CreateBackup create) {
        this.create = create;
    }

    @Override
    public String subject() {
        return StorageSubjects.BACKUP_START;
    }

    @Override
    public BackupStartReply handle(IncomingRequest request) {
        BackupStartRequest body = request.body(BackupStartRequest.class);
        if (!BackupStartRequest.SCHEDULE.equals(body.trigger())) {
            throw invalid("trigger", "must be " + BackupStartRequest.SCHEDULE);
        }
        if (body.tick() == null) {
            throw invalid("tick", "missing");
        }
        return create.startScheduled(body.tick());
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(
                Problem.of(400, "storage/backup-start-invalid", "Invalid backup start request", field + ": " + message)
                        .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
