package fazt.gateway.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The gateway's tuning. {@code cacheBytes}: memory for file bodies ({@code FAZT_GATEWAY_CACHE_MB}, default 32 MB; keep it under half the heap);
 * {@code maxUploadBytes}: largest admin upload, a bundle (default 100 MB plus headroom for the archive's own overhead).
 */
@ConfigurationProperties("gateway")
public record GatewayConfig(
        @Nullable Long cacheBytes, @Nullable Long maxUploadBytes) {
    public static final long DEFAULT_CACHE_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 110L * 1024 * 1024;

    public GatewayConfig {
        cacheBytes = cacheBytes != null ? cacheBytes : DEFAULT_CACHE_BYTES;
        maxUploadBytes = maxUploadBytes != null ? maxUploadBytes : DEFAULT_MAX_UPLOAD_BYTES;
    }
}
