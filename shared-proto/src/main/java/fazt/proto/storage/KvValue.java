package fazt.proto.storage;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** A KV read: {@code found} false for an absent or expired key; else the value, its kind and expiry. */
@MessageType("storage.kv_value.v1")
public record KvValue(boolean found, String kind, byte[] value, Instant expiresAt) {
    public static KvValue absent() {
        return new KvValue(false, null, null, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KvValue r
                && found == r.found
                && Objects.equals(kind, r.kind)
                && Arrays.equals(value, r.value)
                && Objects.equals(expiresAt, r.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(found, kind, expiresAt) * 31 + Arrays.hashCode(value);
    }
}
