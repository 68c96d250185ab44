package fazt.storage.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Limits and housekeeping of the storage service (prefix {@code storage}). There is no configuration file; the
 * defaults below apply unless the service definition sets a property.
 *
 * @param maxUploadBytes largest blob one upload may produce ({@code storage.max-upload-bytes}); an upload that grows
 *     past it is refused with 413 and discarded
 * @param gcInterval how often an instance tries to sweep ({@code storage.gc-interval}); only one instance sweeps at
 *     a time, the others skip that round
 * @param gcGrace how old an unreferenced blob or an idle upload must be before the sweep removes it
 *     ({@code storage.gc-grace}). Blobs are written before the namespace that references them is committed (and
 *     bundles are read once by deploy-svc and never referenced at all), so a blob with no reference is not garbage
 *     until it has stayed so for a while; the grace must exceed the longest upload-to-commit gap of a deploy
 */
@ConfigurationProperties("storage")
public record StorageConfig(
        @Nullable Long maxUploadBytes,
        @Nullable Duration gcInterval,
        @Nullable Duration gcGrace) {
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 1L << 30;
    public static final Duration DEFAULT_GC_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_GC_GRACE = Duration.ofHours(1);

    public StorageConfig {
        maxUploadBytes = maxUploadBytes != null ? maxUploadBytes : DEFAULT_MAX_UPLOAD_BYTES;
        gcInterval = gcInterval != null ? gcInterval : DEFAULT_GC_INTERVAL;
        gcGrace = gcGrace != null ? gcGrace : DEFAULT_GC_GRACE;
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException(
                    "storage.max-upload-bytes: expected a positive number of bytes, got " + maxUploadBytes);
        }
        if (gcInterval.isNegative() || gcInterval.isZero()) {
            throw new IllegalArgumentException("storage.gc-interval: expected a positive duration, got " + gcInterval);
        }
        if (gcGrace.isNegative()) {
            throw new IllegalArgumentException("storage.gc-grace: expected a duration of zero or more, got " + gcGrace);
        }
    }
}
