package fazt.proto.gateway;

import fazt.proto.MessageType;

/**
 * An ACME HTTP-01 challenge answer: {@code keyAuthorization} is served at
 * {@code /.well-known/acme-challenge/<token>} while {@code present}, by every gateway (the CA may reach any of them).
 */
@MessageType("gateway.challenge_changed.v1")
public record ChallengeChanged(String token, String keyAuthorization, boolean present) {}
