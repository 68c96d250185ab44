package fazt.gateway.site;

/**
 * Sizes that decide how a static file is served. {@code wholeBodyMax}: files up to this size are read whole, cached
 * and written as one buffer; larger ones stream in {@link BlobSource#MAX_READ} reads. {@code compressMin} and
 * {@code compressMax}: compressible files within these sizes are compressed once and the result cached; smaller ones
 * gain nothing worth a header, larger ones stream as they are (compressing them means holding them whole).
 */
public record SiteLimits(int wholeBodyMax, int compressMin, int compressMax) {
    public static final int DEFAULT_WHOLE_BODY_MAX = 4 * 1024 * 1024;
    /** Below about one packet, compression saves less than its header and the CPU it costs. */
    public static final int DEFAULT_COMPRESS_MIN = 1024;

    public static final int DEFAULT_COMPRESS_MAX = 8 * 1024 * 1024;
    public static final SiteLimits DEFAULTS =
            new SiteLimits(DEFAULT_WHOLE_BODY_MAX, DEFAULT_COMPRESS_MIN, DEFAULT_COMPRESS_MAX);

    public SiteLimits {
        if (wholeBodyMax < 0 || compressMin < 0 || compressMax < 0) {
            throw new IllegalArgumentException("site limits must not be negative");
        }
    }
}
