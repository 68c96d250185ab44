package fazt.proto.storage;

import fazt.proto.MessageType;

/** Delete one key; deleting an absent key is not an error. */
@MessageType("storage.kv_delete_request.v1")
public record KvDeleteRequest(String appId, String key) {}
