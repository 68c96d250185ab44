package fazt.proto.storage;

import fazt.proto.MessageType;

/** How many documents matched (count), were updated (update) or deleted (delete). */
@MessageType("storage.db_count_reply.v1")
public record DbCountReply(long count) {}
