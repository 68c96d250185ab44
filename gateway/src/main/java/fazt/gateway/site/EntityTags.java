package fazt.gateway.site;

/**
 * Strong entity tags derived from content digests, and the comparisons of RFC 9110 §8.8.3.2 against the lists that
 * {@code If-None-Match}, {@code If-Match} and {@code If-Range} carry.
 */
final class EntityTags {
    /** 128 bits of the digest: plenty to tell versions of one file apart, half the header bytes of all 256. */
    static final int DIGEST_CHARS = 32;

    private EntityTags() {}

    /** The ETag of {@code digest}'s bytes in {@code coding}: each coding is a representation of its own. */
    static String of(String digest, ContentCoding coding) {
        String opaque = digest.length() > DIGEST_CHARS ? digest.substring(0, DIGEST_CHARS) : digest;
        return '"' + opaque + coding.etagSuffix() + '"';
    }

    /**
     * Whether {@code field} (an {@code If-None-Match} or {@code If-Match} value) names {@code etag}: {@code *} matches
     * any current representation; otherwise one listed tag must match, by weak comparison (W/ ignored) or by strong
     * comparison (neither side weak). Malformed members are skipped, so a garbled list matches nothing.
     */
    static boolean listMatches(String field, String etag, boolean weakComparison) {
        int i = 0;
        int n = field.length();
        while (i < n) {
            char c = field.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            boolean weak = false;
            if (c == 'W' && i + 1 < n && field.charAt(i + 1) == '/') {
                weak = true;
                i += 2;
            }
            if (i < n && field.charAt(i) == '"') {
                int close = field.indexOf('"', i + 1);
                if (close < 0) {
                    return false;
                }
                if ((weakComparison || !weak)
                        && field.regionMatches(i, etag, 0, etag.length())
                        && close + 1 - i == etag.length()) {
                    return true;
                }
                i = close + 1;
            } else {
                int comma = field.indexOf(',', i); // not an entity-tag: skip the member
                i = comma < 0 ? n : comma + 1;
            }
        }
        return false;
    }

    /** Whether an {@code If-Range} entity-tag validator matches {@code etag}: strong comparison only (§13.1.5). */
    static boolean strongMatch(String validator, String etag) {
        return validator.trim().equals(etag);
    }
}
