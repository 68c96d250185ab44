package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;

/** Documents matching {@code query} (field paths with dots; values or operator objects {@code $eq $ne $gt $gte $lt $lte $in $nin $exists $contains}; null or {} matches all), ordered by {@code sort} ({@code {"field": 1 | -1}}, then {@code _id}), at most {@code limit} (1-1000; 0 means 100), after the opaque {@code cursor} of the previous page. A malformed query is a 400 problem naming the operator or field. */
@MessageType("storage.db_find_request.v1")
public record DbFindRequest(String appId, String collection, JsonNode query, JsonNode sort, int limit, String cursor) {}
