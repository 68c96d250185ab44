package fazt.storage.domain.kv;

import java.time.Instant;

/** A live KV entry: its kind, its bytes and when it expires (null: never). */
public record Entry(ValueKind kind, byte[] value, Instant expiresAt) {}
