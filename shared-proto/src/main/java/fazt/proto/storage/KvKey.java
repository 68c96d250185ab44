package fazt.proto.storage;

import java.time.Instant;

/** A live key and when it expires (null: never). */
public record KvKey(String name, Instant expiresAt) {}
