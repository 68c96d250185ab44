package fazt.proto.storage;

import fazt.proto.MessageType;

/** Read one key of app {@code appId}'s KV store. */
@MessageType("storage.kv_get_request.v1")
public record KvGetRequest(String appId, String key) {}
