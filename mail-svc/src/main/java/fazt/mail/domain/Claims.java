package fazt.mail.domain;

import java.util.List;
import java.util.Optional;

/** The claimed addresses and catch-alls (table {@code address}). */
public interface Claims {
    Optional<Claim> find(String address);

    List<Claim> all();

    /** Inserts {@code claim}; the claim holding the address already when it is taken. */
    Optional<Claim> insert(Claim claim);

    boolean delete(String address);
}
