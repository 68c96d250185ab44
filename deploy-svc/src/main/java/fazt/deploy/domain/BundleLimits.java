package fazt.deploy.domain;

/**
 * What a bundle may hold. {@code maxBundleBytes}: the uploaded archive; {@code maxFiles} and {@code maxTotalBytes}:
 * the expanded content; {@code maxRatio}: expanded ÷ compressed, the zip-bomb guard, checked once the expanded
 * content passes {@code ratioFloorBytes} (small, very compressible sites are fine).
 */
public record BundleLimits(long maxBundleBytes, int maxFiles, long maxTotalBytes, int maxRatio, long ratioFloorBytes) {
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 10_000;
    public static final long DEFAULT_MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_RATIO = 100;
    public static final long DEFAULT_RATIO_FLOOR_BYTES = 10L * 1024 * 1024;

    public static BundleLimits defaults() {
        return new BundleLimits(
                DEFAULT_MAX_BUNDLE_BYTES,
                DEFAULT_MAX_FILES,
                DEFAULT_MAX_TOTAL_BYTES,
                DEFAULT_MAX_RATIO,
                DEFAULT_RATIO_FLOOR_BYTES);
    }
}
