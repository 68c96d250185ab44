package fazt.storage.config;

import java.util.regex.Pattern;

/**
 * Where blobs are kept, as {@code FAZT_BLOB_STORE} names it: {@code postgres}, or {@code s3://bucket/prefix} (the
 * prefix optional). Objects are keyed {@code <prefix>/sha256/ab/cd/<hex>} (ADR 38).
 *
 * @param bucket the bucket, null for PostgreSQL
 * @param prefix the key prefix without slashes at either end, empty for none
 */
public record BlobStoreUrl(String bucket, String prefix) {
    public static final String POSTGRES = "postgres";
    /** S3's own bucket naming rule (lower case, digits, dots and hyphens, 3 to 63). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,200}");

    public static final BlobStoreUrl IN_POSTGRES = new BlobStoreUrl(null, "");

    /** Parses the setting's text, or throws {@link IllegalArgumentException} whose message says what is expected. */
    public static BlobStoreUrl parse(String text) {
        if (text.equals(POSTGRES)) {
            return IN_POSTGRES;
        }
        if (!text.startsWith("s3://")) {
            throw new IllegalArgumentException(expected(text));
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
        if (!BUCKET.matcher(bucket).matches() || !PREFIX.matcher(prefix).matches() || prefix.contains("//")) {
            throw new IllegalArgumentException(expected(text));
        }
        return new BlobStoreUrl(bucket, prefix);
    }

    public boolean isS3() {
        return bucket != null;
    }

    /** The object key of the blob with SHA-256 {@code hex}. */
    public String key(String hex) {
        String key = "sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public String toString() {
        return isS3() ? "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) : POSTGRES;
    }

    private static String stripSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }

    private static String expected(String text) {
        return "expected `postgres` or s3://bucket/prefix (bucket: 3 to 63 of a-z, 0-9, '.', '-'; prefix: A-Z, a-z, "
                + "0-9, '.', '_', '-', '/'), got \"" + text + "\"";
    }
}
