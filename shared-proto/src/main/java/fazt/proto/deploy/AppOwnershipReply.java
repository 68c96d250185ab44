package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.util.List;

/** The names of the apps an {@link AppOwnershipRequest} found (LIST) or changed (TRANSFER, DELETE), sorted. */
@MessageType("deploy.app_ownership_reply.v1")
public record AppOwnershipReply(List<String> apps) {}
