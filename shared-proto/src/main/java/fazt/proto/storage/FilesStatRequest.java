package fazt.proto.storage;

import fazt.proto.MessageType;

/** Look one file up; read its bytes with {@code blob.read} of its digest. */
@MessageType("storage.files_stat_request.v1")
public record FilesStatRequest(String appId, String path) {}
