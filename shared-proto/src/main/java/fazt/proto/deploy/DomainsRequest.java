package fazt.proto.deploy;

import fazt.proto.MessageType;

/** Asks for every mapped custom domain (a gateway at start); the reply is {@link DomainsReply}. */
@MessageType("deploy.domains_request.v1")
public record DomainsRequest() {}
