package fazt.auth.config;

import fazt.auth.domain.FirstRun;
import fazt.auth.domain.ManageUsers;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start: creates the admin named by {@code FAZT_ADMIN_USER} / {@code FAZT_ADMIN_PASSWORD} when it does not exist
 * (unattended installs); otherwise, while there is no admin, hands the one-time setup link to the operator once
 * ({@link OperatorSecrets}: stderr, with a QR code so a phone can open it, and a 0600 file), never to the log.
 */
@Singleton
final class FirstRunOnStart implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(FirstRunOnStart.class);
    private final FirstRun firstRun;
    private final ManageUsers users;
    private final AdminOrigin origin;
    private final String adminUser;
    private final String adminPassword;
    private final String secretsDir;

    FirstRunOnStart(
            FirstRun firstRun,
            ManageUsers users,
            AdminOrigin origin,
            @Nullable @Value("${auth.admin-user:}") String adminUser,
            @Nullable @Value("${auth.admin-password:}") String adminPassword,
            @Nullable @Value("${auth.secrets-dir:}") String secretsDir) {
        this.firstRun = firstRun;
        this.users = users;
        this.origin = origin;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.secretsDir = secretsDir;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (adminUser != null && !adminUser.isBlank()) {
            if (users.ensureAdmin(adminUser, adminPassword)) {
                log.info("first admin created from FAZT_ADMIN_USER username={}", adminUser);
            }
            return;
        }
        firstRun.setupLink(origin.configured()).ifPresent(link -> {
            // Never in the log: whoever opens it becomes the admin. Stderr once (with a QR code for a phone), and a
            // file only its owner reads.
            var written = OperatorSecrets.hand(
                    secretsDir,
                    OperatorSecrets.SETUP_LINK,
                    "no admin yet: open this one-time link to create the first admin (shown only now; a restart"
                            + " issues a new one)",
                    link);
            System.err.println("fazt setup: scan to create the first admin\n" + SetupQr.render(link));
            System.err.flush();
            log.info(
                    "no admin yet: the one-time setup link was handed to the operator on {}",
                    OperatorSecrets.where(written));
        });
    }
}
