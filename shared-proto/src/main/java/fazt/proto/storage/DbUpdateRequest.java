package fazt.proto.storage;

import fazt.proto.MessageType;

/** Apply {@code update} ({@code $set}, {@code $unset}, {@code $inc}; field paths with dots; {@code _id} cannot change) to every document matching {@code query}. */
@MessageType("storage.db_update_request.v1")
public record DbUpdateRequest(
        String appId,
        String collection,
        com.fasterxml.jackson.databind.JsonNode query,
        com.fasterxml.jackson.databind.JsonNode update) {}
