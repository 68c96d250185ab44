package fazt.auth.persistence;

import fazt.auth.domain.BootstrapToken;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Keeps the generated bootstrap token's hash in {@code auth.bootstrap_token} (one row at most). */
@Singleton
public final class JdbcBootstrapTokenStore implements BootstrapToken.Store {
    private final Sql sql;

    public JdbcBootstrapTokenStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<BootstrapToken> load() {
        return sql.optional(
                "SELECT token_hash FROM bootstrap_token WHERE id = 1", r -> BootstrapToken.ofHash(r.getBytes(1)));
    }

    @Override
    public BootstrapToken storeIfAbsent(BootstrapToken token) {
        // Several auth instances may start at once: the first insert wins, the others read the winner.
        sql.update(
                "INSERT INTO bootstrap_token (id, token_hash) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", token.hash());
        return load().orElseThrow();
    }

    @Override
    public void replace(BootstrapToken token) {
        sql.update(
                "INSERT INTO bootstrap_token (id, token_hash) VALUES (1, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET token_hash = EXCLUDED.token_hash",
                token.hash());
    }
}
