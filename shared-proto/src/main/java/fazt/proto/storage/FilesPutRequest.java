package fazt.proto.storage;

import fazt.proto.MessageType;

/** Point app {@code appId}'s file {@code path} at a blob written before through {@code blob.write} (replacing what was there). Paths are like {@code uploads/a.png}: no leading slash, no {@code ..}, at most 1024 bytes. */
@MessageType("storage.files_put_request.v1")
public record FilesPutRequest(String appId, String path, String digest, long size, String contentType) {}
