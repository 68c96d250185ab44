package fazt.proto.storage;

import fazt.proto.MessageType;

/**
 * A committed change of an app's KV store, told to every runtime instance on {@link StorageSubjects#KV_CHANGED} so
 * that none keeps serving an old value from its read cache (ADR 36): {@code key} was put or deleted, or, with
 * {@code key} null, every key of the app went (the app was deleted).
 */
@MessageType("storage.kv_changed.v1")
public record KvChanged(String appId, String key) {}
