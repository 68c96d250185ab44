package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.util.List;

/** Every mapped custom domain, in any state, ordered by domain. */
@MessageType("deploy.domains_reply.v1")
public record DomainsReply(List<MappedDomain> domains) {}
