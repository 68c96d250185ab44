package fazt.proto.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A TLS certificate as the admin API shows it: the name, where it came from ({@code acme} or {@code uploaded}), its
 * state ({@code ordering}, {@code issued}, {@code failed}), expiry and issuer (null before the first issue), the last
 * order's error, the failed attempts in a row and when the next one is due, and for an ordered certificate when it
 * is renewed ({@code renewAfter}) and why ({@code renewalSource}: {@code ari}, the CA's suggested window, RFC 9773;
 * {@code lifetime}, a share of its validity; null when not planned yet). Never any key material.
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
        Instant nextAttempt,
        Instant renewAfter,
        String renewalSource) {}
