package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** Which of these blobs (SHA-256 hex digests, at most 10,000) are not stored yet? */
@MessageType("storage.blobs_missing_request.v1")
public record BlobsMissingRequest(List<String> digests) {}
