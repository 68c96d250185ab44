package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;

/** Count the documents matching {@code query}. */
@MessageType("storage.db_count_request.v1")
public record DbCountRequest(String appId, String collection, JsonNode query) {}
