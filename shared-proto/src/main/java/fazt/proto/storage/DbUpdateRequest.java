package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;

/** Apply {@code update} ({@code $set}, {@code $unset}, {@code $inc}; field paths with dots; {@code _id} cannot change) to every document matching {@code query}. */
@MessageType("storage.db_update_request.v1")
public record DbUpdateRequest(String appId, String collection, JsonNode query, JsonNode update) {}
