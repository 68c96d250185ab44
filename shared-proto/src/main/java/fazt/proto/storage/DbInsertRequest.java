package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;
import java.util.List;

/** Insert JSON objects into a collection (created on first insert). A document without a string {@code _id} gets a new one; an {@code _id} that exists is a 409 problem and nothing is inserted. */
@MessageType("storage.db_insert_request.v1")
public record DbInsertRequest(String appId, String collection, List<JsonNode> documents) {}
