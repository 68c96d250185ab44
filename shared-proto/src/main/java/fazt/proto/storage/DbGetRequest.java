package fazt.proto.storage;

import fazt.proto.MessageType;

/** One document by {@code _id}. */
@MessageType("storage.db_get_request.v1")
public record DbGetRequest(String appId, String collection, String id) {}
