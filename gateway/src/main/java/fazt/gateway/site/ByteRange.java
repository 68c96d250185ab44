package fazt.gateway.site;

import java.util.Locale;

/**
 * What a {@code Range} field asks of a representation of {@code size} bytes (RFC 9110 §14.1.2): one satisfiable
 * range, an unsatisfiable one (416), or nothing this server honours, in which case the whole representation is sent
 * with 200. Several ranges are answered whole: RFC 9110 §14.2 lets a server ignore {@code Range}, a multipart body
 * costs more than it saves for static files, and browsers and download tools only ask for one.
 */
sealed interface ByteRange {
    /** Bytes {@code first} to {@code last}, both inclusive, within the representation. */
    record Part(long first, long last) implements ByteRange {
        long length() {
            return last - first + 1;
        }
    }

    record Unsatisfiable() implements ByteRange {}

    record Ignored() implements ByteRange {}

    ByteRange IGNORED = new Ignored();
    ByteRange UNSATISFIABLE = new Unsatisfiable();

    static ByteRange parse(String field, long size) {
        String value = field.trim();
        if (value.length() < 6
                || !value.substring(0, 6).toLowerCase(Locale.ROOT).equals("bytes=")) {
            return IGNORED; // another unit, or not a range at all
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return IGNORED;
        }
        // An empty file has no bytes to range over; sending it whole (empty) serves clients better than a 416.
        if (size == 0) {
            return IGNORED;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (from.isEmpty()) {
            long suffix = digits(to);
            if (suffix < 0) {
                return IGNORED;
            }
            return suffix == 0 ? UNSATISFIABLE : new Part(Math.max(0, size - suffix), size - 1);
        }
        long first = digits(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
        if (first < 0 || last < 0 || last < first) {
            return IGNORED; // invalid syntax: ignored, as RFC 9110 §14.2 requires
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new Part(first, Math.min(last, size - 1));
    }

    /** A run of decimal digits as a number (saturating at {@link Long#MAX_VALUE}), or -1 when it is not one. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }
}
