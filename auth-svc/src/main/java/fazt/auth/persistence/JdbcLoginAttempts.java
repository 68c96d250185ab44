package fazt.auth.persistence;

import fazt.auth.domain.appauth.LoginAttempt;
import fazt.auth.domain.appauth.LoginAttempts;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Logins in progress in {@code auth.app_login_attempt}; consuming deletes, so each state works once across instances. */
@Singleton
final class JdbcLoginAttempts implements LoginAttempts {
    private final Sql sql;

    JdbcLoginAttempts(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void create(LoginAttempt a) {
        sql.update(
                "INSERT INTO app_login_attempt (state_hash, browser_hash, app_id, app, provider, nonce, code_verifier,"
                        + " redirect, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.stateHash(),
                a.browserHash(),
                a.appId(),
                a.app(),
                a.provider(),
                a.nonce(),
                a.codeVerifier(),
                a.redirect(),
                a.expiresAt());
    }

    @Override
    public Optional<LoginAttempt> consume(byte[] stateHash) {
        sql.update("DELETE FROM app_login_attempt WHERE expires_at < now()");
        return sql.optional(
                "DELETE FROM app_login_attempt WHERE state_hash = ? AND expires_at > now() RETURNING *",
                r -> new LoginAttempt(
                        r.getBytes("state_hash"),
                        r.getBytes("browser_hash"),
                        r.getString("app_id"),
                        r.getString("app"),
                        r.getString("provider"),
                        r.getString("nonce"),
                        r.getString("code_verifier"),
                        r.getString("redirect"),
                        Sql.instant(r, "expires_at")),
                stateHash);
    }
}
