package fazt.proto.deploy;

import fazt.proto.MessageType;

/** The verification token of the domain asked for; null when the domain is not mapped. */
@MessageType("deploy.domain_challenge_reply.v1")
public record DomainChallengeReply(String token) {}
