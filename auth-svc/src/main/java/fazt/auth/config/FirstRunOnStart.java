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
 * (unattended installs); otherwise, while there is no admin, logs the one-time setup link once, with a QR code so a
 * phone can open it.
 */
@Singleton
final class FirstRunOnStart implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(FirstRunOnStart.class);
    private final FirstRun firstRun;
    private final ManageUsers users;
    private final AdminOrigin origin;
    private final String adminUser;
    private final String adminPassword;

    FirstRunOnStart(
            FirstRun firstRun,
            ManageUsers users,
            AdminOrigin origin,
            @Nullable @Value("${auth.admin-user:}") String adminUser,
            @Nullable @Value("${auth.admin-password:}") String adminPassword) {
        this.firstRun = firstRun;
        this.users = users;
        this.origin = origin;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
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
            log.warn(
                    "no admin yet: open this one-time link to create the first admin (shown only now; a restart"
                            + " issues a new one) link={}",
                    link);
            // The QR code goes to the terminal as it is: inside a JSON log line its rows would be escaped into noise.
            System.out.println(
                    "fazt setup: scan to create the first admin, or open " + link + "\n" + SetupQr.render(link));
            System.out.flush();
        });
    }
}
