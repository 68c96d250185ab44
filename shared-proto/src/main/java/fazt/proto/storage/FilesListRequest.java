package fazt.proto.storage;

import fazt.proto.MessageType;

/** One page of files under {@code prefix} in path order (limit 1-1000; 0 means 1000). */
@MessageType("storage.files_list_request.v1")
public record FilesListRequest(String appId, String prefix, String cursor, int limit) {}
