package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** The {@code _id}s of the inserted documents, in order. */
@MessageType("storage.db_insert_reply.v1")
public record DbInsertReply(List<String> ids) {}
