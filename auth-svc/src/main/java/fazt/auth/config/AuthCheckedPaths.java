package fazt.auth.config;

import fazt.platform.service.doctor.CheckedPaths;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code fazt doctor} checks on auth-svc's disk (ADR 40): the directory of the bootstrap token and setup link
 * ({@code FAZT_AUTH_SECRETS_DIR}), when set: it must exist, be writable and have room.
 */
@Singleton
final class AuthCheckedPaths implements CheckedPaths {
    private final String secretsDir;

    AuthCheckedPaths(@Nullable @Value("${auth.secrets-dir:}") String secretsDir) {
        this.secretsDir = secretsDir;
    }

    @Override
    public List<CheckedPath> paths() {
        return secretsDir == null || secretsDir.isBlank()
                ? List.of()
                : List.of(new CheckedPath("secrets directory", Path.of(secretsDir), true));
    }
}
