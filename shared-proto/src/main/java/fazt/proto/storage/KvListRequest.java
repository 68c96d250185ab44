package fazt.proto.storage;

import fazt.proto.MessageType;

/** One page of live keys starting with {@code prefix} (null: all) in key order, after the opaque {@code cursor} of the previous page (null: from the start), at most {@code limit} (1-1000; 0 means 1000). */
@MessageType("storage.kv_list_request.v1")
public record KvListRequest(String appId, String prefix, String cursor, int limit) {}
