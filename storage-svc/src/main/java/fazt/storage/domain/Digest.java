package fazt.storage.domain;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** The address of a blob: the lower-case hex SHA-256 of its bytes. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw invalid("digest", hex);
        }
    }

    /** Parses {@code value} of request field {@code field}, naming that field when it is not a digest. */
    public static Digest of(String field, String value) {
        if (value == null || !HEX.matcher(value).matches()) {
            throw invalid(field, value);
        }
        return new Digest(value);
    }

    public static Digest ofBytes(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    private static StorageException invalid(String field, String value) {
        return new StorageException.InvalidInput(
                field,
                value == null
                        ? "is missing"
                        : "must be 64 lower-case hex characters (a SHA-256), got " + StorageException.shown(value));
    }

    @Override
    public String toString() {
        return hex;
    }
}
