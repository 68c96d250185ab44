package fazt.proto.storage;

import fazt.proto.MessageType;

/** The {@code _id}s of the inserted documents, in order. */
@MessageType("storage.db_insert_reply.v1")
public record DbInsertReply(java.util.List<String> ids) {}
