package fazt.proto.storage;

import fazt.proto.MessageType;

/** Delete one file; deleting an absent file is not an error. */
@MessageType("storage.files_delete_request.v1")
public record FilesDeleteRequest(String appId, String path) {}
