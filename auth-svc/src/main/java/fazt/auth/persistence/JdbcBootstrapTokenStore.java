package fazt.auth.persistence;

import fazt.auth.domain.BootstrapToken;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Keeps the generated bootstrap token's hash in {@code auth.bootstrap_token} (one row at most). */
@Singleton
final class JdbcBootstrapTokenStore implements BootstrapToken.Store {
    private final DataSource dataSource;

    JdbcBootstrapTokenStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<BootstrapToken> load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT token_hash FROM bootstrap_token WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(BootstrapToken.ofHash(r.getBytes(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the bootstrap token", e);
        }
    }

    @Override
    public BootstrapToken storeIfAbsent(BootstrapToken token) {
        // Several auth instances may start at once: the first insert wins, the others read the winner.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO bootstrap_token (id, token_hash) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
            s.setBytes(1, token.hash());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the bootstrap token", e);
        }
        return load().orElseThrow();
    }
}
