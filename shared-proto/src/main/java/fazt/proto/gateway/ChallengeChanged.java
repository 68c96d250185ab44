package fazt.proto.gateway;

import fazt.proto.MessageType;

/**
 * An ACME challenge answer every gateway serves while {@code present} (the CA may reach any of them). HTTP-01
 * ({@code alpnName} null): {@code keyAuthorization} is served at {@code /.well-known/acme-challenge/<token>}.
 * TLS-ALPN-01 (RFC 8737, {@code alpnName} the host name being validated): a handshake for {@code alpnName} offering
 * ALPN {@code acme-tls/1} gets a certificate carrying the SHA-256 of {@code keyAuthorization}, which each gateway
 * makes itself.
 */
@MessageType("gateway.challenge_changed.v1")
public record ChallengeChanged(String token, String keyAuthorization, boolean present, String alpnName) {
    /** An HTTP-01 answer. */
    public ChallengeChanged(String token, String keyAuthorization, boolean present) {
        this(token, keyAuthorization, present, null);
    }
}
