package fazt.proto.deploy;

import fazt.proto.MessageType;

/**
 * Asks for the verification token of mapped domain {@code domain} (the mapping's form: {@code *.example.com} for a
 * wildcard), so a gateway can answer {@code /.well-known/fazt/<token>}; the reply is {@link DomainChallengeReply}.
 */
@MessageType("deploy.domain_challenge_request.v1")
public record DomainChallengeRequest(String domain) {}
