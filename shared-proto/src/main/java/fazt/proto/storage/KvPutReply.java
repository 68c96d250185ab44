package fazt.proto.storage;

import fazt.proto.MessageType;
import java.time.Instant;

/** The key was stored; {@code expiresAt} is null when it never expires. */
@MessageType("storage.kv_put_reply.v1")
public record KvPutReply(Instant expiresAt) {}
