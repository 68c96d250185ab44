package fazt.deploy.api;

import fazt.platform.backup.KeyEnvelope;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.backup.MasterKeyReply;
import fazt.proto.backup.MasterKeyRequest;
import fazt.proto.problem.Problem;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code svc.deploy.backup.key}: the master key sealed with the passphrase of a backup made with the key (ADR 39).
 * Only storage-svc may ask (NatsRoles); the key leaves this service sealed only, and neither it nor the passphrase is
 * logged.
 */
@Singleton
final class MasterKeyEndpoint implements RequestEndpoint {
    private final BootstrapSettings settings;

    MasterKeyEndpoint(BootstrapSettings settings) {
        this.settings = settings;
    }

    @Override
    public String subject() {
        return BackupSubjects.MASTER_KEY;
    }

    @Override
    public MasterKeyReply handle(IncomingRequest request) {
        String passphrase = request.body(MasterKeyRequest.class).passphrase();
        if (passphrase == null || passphrase.length() < KeyEnvelope.MIN_PASSPHRASE || passphrase.length() > 1024) {
            throw new ProblemException(Problem.of(
                            400,
                            "deploy/invalid-request",
                            "Invalid request",
                            "A backup passphrase has " + KeyEnvelope.MIN_PASSPHRASE + " to 1024 characters.")
                    .withErrors(List.of(new Problem.FieldError("passphrase", "too short or too long"))));
        }
        byte[] key = settings.masterKey().getBytes(StandardCharsets.UTF_8);
        return new MasterKeyReply(KeyEnvelope.seal(key, passphrase.toCharArray()));
    }
}
