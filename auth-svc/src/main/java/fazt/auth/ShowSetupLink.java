package fazt.auth;

import fazt.auth.config.OperatorSecrets;
import fazt.auth.config.SetupQr;
import fazt.auth.domain.FirstRun;
import fazt.auth.domain.Secret;
import fazt.auth.persistence.JdbcSetupSecret;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code fazt-server setup-link}: shows the one-time first-admin link the running auth-svc issued (the file it wrote to
 * {@code FAZT_AUTH_SECRETS_DIR/setup-link}) with its QR code, rendered as auth-svc renders it on start, but only while
 * the link still works: its secret is the one auth-svc stores, so it was neither used nor replaced. install.sh ends
 * with it; an operator can run it at any time. Runs with auth-svc's database login.
 */
public final class ShowSetupLink {
    /** Exit status: no link written yet (auth-svc not started, or it found an admin or FAZT_ADMIN_USER). */
    public static final int NO_LINK = 3;
    /** Exit status: the link in the file no longer works (an admin was created with it, or a newer one replaced it). */
    public static final int USED = 4;

    private ShowSetupLink() {}

    /** Prints the link and its QR code to {@code out}, or one line to {@code err}; returns the exit status. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        Object dir = SettingValues.read(List.of(AuthSettings.SECRETS_DIR), env, ServiceName.AUTH)
                .get(AuthSettings.SECRETS_DIR);
        if (dir == null) {
            throw new SettingsException(
                    AuthSettings.SECRETS_DIR.name(), "is not set, so auth-svc printed its setup link only to stderr");
        }
        Path file = Path.of((String) dir, OperatorSecrets.SETUP_LINK);
        String link;
        try {
            link = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            err.println("fazt: no setup link in " + dir + " yet: auth-svc writes one when it starts and finds no"
                    + " admin (none when FAZT_ADMIN_USER is set)");
            return NO_LINK;
        } catch (IOException e) {
            throw new SettingsException(
                    AuthSettings.SECRETS_DIR.name(),
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + "): run as auth-svc's user");
        }
        int at = link.indexOf(FirstRun.SETUP_PATH);
        String secret = at < 0 ? "" : link.substring(at + FirstRun.SETUP_PATH.length());
        boolean pending;
        try {
            pending = secret.length() == Secret.LENGTH
                    && new JdbcSetupSecret(RotateAdminToken.authDatabase(env)).pending(Secret.hash(secret));
        } catch (RuntimeException e) {
            err.println("fazt: cannot check the setup link in auth-svc's database (" + e.getMessage() + ")");
            return 1;
        }
        if (!pending) {
            err.println("fazt: the setup link in " + file + " no longer works: the first admin exists (log in with"
                    + " fazt login), or auth-svc restarted and wrote a new one");
            return USED;
        }
        out.println("fazt setup: open this one-time link to create the first admin (or scan the code):");
        out.println("  " + link);
        out.print(SetupQr.render(link));
        out.flush();
        return 0;
    }
}
