package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.List;

/** A page of keys; {@code cursor} continues after it, {@code complete} is true on the last page. */
@MessageType("storage.kv_list_reply.v1")
public record KvListReply(List<KvKey> keys, String cursor, boolean complete) {}
