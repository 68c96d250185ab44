package fazt.storage.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a keyset page: the last key (or path, or encoded sort position) of the previous page,
 * base64url-encoded so callers treat it as a token. It carries no app id; every query filters by the request's.
 */
public final class PageCursor {
    private static final int MAX_LENGTH = 8192;

    private PageCursor() {}

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null for a null cursor; 400 naming {@code field} for a malformed one. */
    public static String decode(String field, String cursor) {
        if (cursor == null) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new StorageException.InvalidInput(field, "is not a cursor returned by this service");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StorageException.InvalidInput(field, "is not a cursor returned by this service");
        }
    }

    /** A page size: {@code requested} 0 means {@code byDefault}; else it must be 1-{@code max}. */
    public static int limit(int requested, int byDefault, int max) {
        if (requested == 0) {
            return byDefault;
        }
        if (requested < 1 || requested > max) {
            throw new StorageException.InvalidInput(
                    "limit", "must be between 1 and " + max + " (0: " + byDefault + "), got " + requested);
        }
        return requested;
    }
}
