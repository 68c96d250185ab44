package fazt.storage.backup;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.backup.KeyEnvelope;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BackupList;
import fazt.proto.storage.BackupView;
import fazt.proto.storage.StorageAdminApi;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * {@code svc.storage.admin}: backups and restores ({@link StorageAdminApi}, ADR 39), forwarded by the gateway; every
 * route needs the {@code admin} scope. Creating and restoring answer 202 at once; their progress is
 * {@code GET /backups/{name}}.
 */
@Singleton
final class BackupAdminEndpoint implements RequestEndpoint {
    /** Runs listed at most. */
    static final int MAX_PASSPHRASE = 1024;

    static final int LIST_LIMIT = 100;

    private final Backups backups;
    private final CreateBackup create;
    private final VerifyBackup verify;
    private final RestoreBackup restore;
    private final AdminRouter router;
    private final AdminInput input = new AdminInput(ServiceName.STORAGE);

    BackupAdminEndpoint(
            Backups backups,
            CreateBackup create,
            VerifyBackup verify,
            RestoreBackup restore,
            PrincipalVerifier verifier) {
        this.backups = backups;
        this.create = create;
        this.verify = verify;
        this.restore = restore;
        this.router = AdminRouter.of(ServiceName.STORAGE, StorageAdminApi.ROUTES)
                .on("GET /backups", this::list)
                .on("POST /backups", this::create)
                .on("GET /backups/{name}", this::get)
                .on("POST /backups/{name}/verify", this::check)
                .on("POST /backups/{name}/restore", this::restore)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.STORAGE);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        return router.handle(incoming);
    }

    private AdminResponse list(AdminCall call) {
        try {
            return json(200, new BackupList(backups.runs.newest(LIST_LIMIT), backups.target.list()));
        } catch (IOException e) {
            throw targetUnavailable(e);
        }
    }

    private AdminResponse create(AdminCall call) {
        JsonNode body = input.jsonBody(call.request());
        JsonNode include = body.get("includeKey");
        if (include != null && !include.isNull() && !include.isBoolean()) {
            throw input.invalid("includeKey", "\"includeKey\" must be true or false.");
        }
        String passphrase = input.text(body, "passphrase", MAX_PASSPHRASE);
        boolean withKey = include != null && include.asBoolean(false);
        if (withKey && (passphrase == null || passphrase.length() < KeyEnvelope.MIN_PASSPHRASE)) {
            throw input.invalid(
                    "passphrase",
                    "A backup with the master key needs a passphrase of at least " + KeyEnvelope.MIN_PASSPHRASE
                            + " characters; keep it apart from the archive.");
        }
        if (!withKey && passphrase != null) {
            throw input.invalid("passphrase", "A passphrase seals the master key: send it with \"includeKey\": true.");
        }
        return create.start(withKey ? passphrase : null)
                .map(started -> json(202, started))
                .orElseThrow(() -> {
                    String running = backups.runs.running().orElse("another backup");
                    return new ProblemException(Problem.of(
                            409,
                            "storage/backup-running",
                            "A backup is running",
                            running + " is under way; one backup runs at a time. Follow it: GET /api/backups/"
                                    + running));
                });
    }

    private AdminResponse get(AdminCall call) {
        return json(200, backups.runs.find(call.param("name")).orElseThrow(() -> notFound(call.param("name"))));
    }

    private AdminResponse check(AdminCall call) {
        String name = archiveName(call);
        try {
            return json(200, verify.verify(name));
        } catch (NoSuchFileException e) {
            throw notFound(name);
        } catch (ArchiveRefused e) {
            throw refused(e);
        } catch (IOException e) {
            throw targetUnavailable(e);
        }
    }

    private AdminResponse restore(AdminCall call) {
        String name = archiveName(call);
        try {
            if (!backups.target.list().contains(name)) {
                throw notFound(name);
            }
        } catch (IOException e) {
            throw targetUnavailable(e);
        }
        BackupView started = restore.start(name);
        if (started == null) {
            throw new ProblemException(Problem.of(
                    409,
                    "storage/backup-restored-already",
                    "Restored already",
                    "This installation has restored " + name + ", or is restoring it; see GET /api/backups/restore-"
                            + name));
        }
        return json(202, started);
    }

    private static String archiveName(AdminCall call) {
        String name = call.param("name");
        if (!BackupNames.isArchive(name)) {
            throw new ProblemException(Problem.of(
                            400,
                            "storage/backup-invalid-name",
                            "Invalid backup name",
                            "A backup is named fazt-backup-<yyyyMMdd-HHmmss>.tar.gz.")
                    .withErrors(java.util.List.of(new Problem.FieldError("name", "not a backup name"))));
        }
        return name;
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(
                Problem.of(404, "storage/backup-not-found", "No such backup", name + " is unknown."));
    }

    static ProblemException refused(ArchiveRefused e) {
        return new ProblemException(Problem.of(422, "storage/" + e.code(), "Backup refused", e.getMessage()));
    }

    private static ProblemException targetUnavailable(IOException e) {
        return new ProblemException(Problem.of(
                503, "storage/backup-target-unavailable", "Backup target unavailable", String.valueOf(e.getMessage())));
    }

    private static AdminResponse json(int status, Object answer) {
        return AdminResponse.json(status, new String(MessageCodec.INSTANCE.encode(answer), StandardCharsets.UTF_8));
    }
}
