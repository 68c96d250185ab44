package fazt.proto.storage;

import fazt.proto.MessageType;

/** Whether a live key was deleted. */
@MessageType("storage.kv_delete_reply.v1")
public record KvDeleteReply(boolean deleted) {}
