package fazt.proto.storage;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageType;
import java.util.List;

/** A page of documents; {@code cursor} is null on the last page. */
@MessageType("storage.db_find_reply.v1")
public record DbFindReply(List<JsonNode> documents, String cursor) {}
