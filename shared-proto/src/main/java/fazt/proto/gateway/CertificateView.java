package fazt.proto.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A TLS certificate as the admin API shows it: the name, where it came from ({@code acme} or {@code uploaded}), its
 * state ({@code ordering}, {@code issued}, {@code failed}), expiry and issuer (null before the first issue), the last
 * order's error, the failed attempts in a row and when the next one is due. Never any key material.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CertificateView(
        String name,
        String source,
        String state,
        Instant notAfter,
        String issuer,
        String lastError,
        int attempts,
        Instant nextAttempt) {}
