package fazt.auth;

import fazt.auth.config.OperatorSecrets;
import fazt.auth.domain.BootstrapAdmin;
import fazt.auth.persistence.JdbcBootstrapTokenStore;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.db.Sql;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code fazt-server rotate-admin-token}: replaces the generated bootstrap admin token with a new one, handed to the
 * operator as on first start (stderr, and {@code FAZT_AUTH_SECRETS_DIR/admin-token}). auth-svc refuses the old token
 * from then on (it looks the stored hash up on each use); a gateway that checked it in the last ten seconds may still
 * let it through until its cache expires. Runs with auth-svc's database login; a configured {@code FAZT_ADMIN_TOKEN}
 * is rotated by changing that setting instead.
 */
public final class RotateAdminToken {
    private RotateAdminToken() {}

    /** Rotates, and returns the new token (already printed to stderr). */
    public static String run(Map<String, String> env) {
        SettingValues settings =
                SettingValues.read(List.of(AuthSettings.ADMIN_TOKEN, AuthSettings.SECRETS_DIR), env, ServiceName.AUTH);
        if (settings.get(AuthSettings.ADMIN_TOKEN) != null) {
            throw new SettingsException(
                    AuthSettings.ADMIN_TOKEN.name(),
                    "is set, so it is the bootstrap token: change the setting (and restart auth-svc) to rotate it");
        }
        String token = BootstrapAdmin.rotate(new JdbcBootstrapTokenStore(authDatabase(env)));
        OperatorSecrets.hand(
                (String) settings.get(AuthSettings.SECRETS_DIR),
                OperatorSecrets.ADMIN_TOKEN,
                "the new bootstrap admin token, shown only now (the old one is refused from now on)",
                token);
        return token;
    }

    /** auth-svc's schema with auth-svc's own database login, for the one-off commands run beside the service. */
    static Sql authDatabase(Map<String, String> env) {
        BootstrapSettings.DatabaseLogin login = BootstrapSettings.databaseLoginOf(env, ServiceName.AUTH);
        PGSimpleDataSource data = new PGSimpleDataSource();
        data.setURL(login.url());
        data.setUser(login.user());
        data.setPassword(login.password());
        data.setCurrentSchema(ServiceName.AUTH.id());
        data.setConnectTimeout(10);
        data.setSocketTimeout(30);
        return new Sql(data);
    }
}
