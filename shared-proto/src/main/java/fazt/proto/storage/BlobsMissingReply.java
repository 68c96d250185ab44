package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** The requested digests that are not stored, in request order. */
@MessageType("storage.blobs_missing_reply.v1")
public record BlobsMissingReply(List<String> missing) {}
