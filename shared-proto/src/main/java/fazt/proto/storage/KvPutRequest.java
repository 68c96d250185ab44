package fazt.proto.storage;

import fazt.proto.MessageType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Store {@code value} under {@code key} in app {@code appId}'s KV store. {@code kind} says how the runtime gives it
 * back by default: {@code json} (a JSON text, parsed), {@code text} (a UTF-8 string) or {@code bytes} (an
 * ArrayBuffer). {@code ttlSeconds} null keeps it forever, else at least 1. Keys are 1-512 bytes of UTF-8; values at
 * most {@link StorageSubjects#KV_MAX_VALUE} bytes.
 */
@MessageType("storage.kv_put_request.v1")
public record KvPutRequest(String appId, String key, String kind, byte[] value, Long ttlSeconds) {
    @Override
    public boolean equals(Object o) {
        return o instanceof KvPutRequest r
                && Objects.equals(appId, r.appId)
                && Objects.equals(key, r.key)
                && Objects.equals(kind, r.kind)
                && Arrays.equals(value, r.value)
                && Objects.equals(ttlSeconds, r.ttlSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, key, kind, ttlSeconds) * 31 + Arrays.hashCode(value);
    }
}
