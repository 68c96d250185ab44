package fazt.runtime.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * The runtime's read cache of {@code env.KV} values (ADR 36; prefix {@code runtime.kv-cache}, env vars in
 * {@code RuntimeSettings}).
 *
 * @param size   bytes of keys and values the cache holds at most; 0 turns it off ({@code FAZT_RUNTIME_KV_CACHE_MB})
 * @param maxAge longest a value is served from the cache without asking storage-svc again, even with no change told
 *               ({@code FAZT_RUNTIME_KV_CACHE_MAX_AGE_MS})
 */
@ConfigurationProperties("runtime.kv-cache")
public record KvCacheConfig(@Nullable Long size, @Nullable Duration maxAge) {
    public static final long DEFAULT_SIZE = 8L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);

    public KvCacheConfig {
        size = size != null ? size : DEFAULT_SIZE;
        maxAge = maxAge != null ? maxAge : DEFAULT_MAX_AGE;
        if (size < 0) {
            throw new IllegalArgumentException("runtime.kv-cache.size: expected 0 or more, got " + size);
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("runtime.kv-cache.max-age: expected a positive duration, got " + maxAge);
        }
    }

    /** The defaults, for tests. */
    public static KvCacheConfig defaults() {
        return new KvCacheConfig(null, null);
    }
}
