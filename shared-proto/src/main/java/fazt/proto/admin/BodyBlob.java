package fazt.proto.admin;

import fazt.proto.MessageType;

/** A request or response body stored as a storage blob (see {@code StorageSubjects}) instead of inline. */
@MessageType("admin.body_blob.v1")
public record BodyBlob(String digest, long size) {}
