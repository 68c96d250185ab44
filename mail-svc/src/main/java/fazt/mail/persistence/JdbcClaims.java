package fazt.mail.persistence;

import fazt.mail.domain.Claim;
import fazt.mail.domain.Claims;
import fazt.platform.service.db.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link Claims} in table {@code address}; an insert that finds the address taken returns its holder. */
@Singleton
final class JdbcClaims implements Claims {
    private final Sql db;

    JdbcClaims(Sql db) {
        this.db = db;
    }

    @Override
    public Optional<Claim> find(String address) {
        return db.optional(
                "SELECT address, mailbox, kind, created_at FROM address WHERE address = ?", JdbcClaims::claim, address);
    }

    @Override
    public List<Claim> all() {
        return db.list("SELECT address, mailbox, kind, created_at FROM address ORDER BY address", JdbcClaims::claim);
    }

    @Override
    public Optional<Claim> insert(Claim claim) {
        int inserted = db.update(
                "INSERT INTO address (address, mailbox, kind, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (address) DO NOTHING",
                claim.address(),
                claim.mailbox(),
                claim.kind(),
                claim.createdAt());
        return inserted == 1 ? Optional.empty() : find(claim.address());
    }

    @Override
    public boolean delete(String address) {
        return db.update("DELETE FROM address WHERE address = ?", address) == 1;
    }

    private static Claim claim(ResultSet r) throws SQLException {
        return new Claim(r.getString(1), r.getString(2), r.getString(3), Sql.instant(r, "created_at"));
    }
}
