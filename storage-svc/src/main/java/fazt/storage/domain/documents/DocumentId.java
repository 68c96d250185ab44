package fazt.storage.domain.documents;

import fazt.storage.domain.StorageException;
import java.security.SecureRandom;

/**
 * A document's {@code _id}. Generated ids are 26 characters of Crockford base32: 48 bits of milliseconds since the
 * epoch, then 80 random bits, so they sort by creation time (byte order) and cannot be guessed. An id the app chooses
 * is any 1-{@value #MAX_LENGTH} characters without control characters.
 */
public record DocumentId(String value) {
    public static final int MAX_LENGTH = 128;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public DocumentId {
        String defect = defect(value);
        if (defect != null) {
            throw new StorageException.InvalidInput("_id", defect);
        }
    }

    /** Parses an id given in request field {@code field}. */
    public static DocumentId of(String field, String value) {
        String defect = defect(value);
        if (defect != null) {
            throw new StorageException.InvalidInput(field, defect);
        }
        return new DocumentId(value);
    }

    public static DocumentId generate(long epochMillis) {
        char[] id = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 5; i++) {
            high = high << 8 | (random[i] & 0xff);
            low = low << 8 | (random[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            id[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new DocumentId(new String(id));
    }

    private static String defect(String value) {
        if (value == null || value.isEmpty()) {
            return "must be a non-empty string";
        }
        if (value.length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid UTF-8";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
