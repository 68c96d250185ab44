package fazt.storage.domain.kv;

import fazt.storage.domain.StorageException;
import java.nio.charset.StandardCharsets;

/** A KV key: 1-{@value #MAX_BYTES} bytes of UTF-8, no NUL (PostgreSQL text cannot hold one), no lone surrogate. */
public record EntryKey(String value) {
    public static final int MAX_BYTES = 512;

    public EntryKey {
        String defect = defect(value);
        if (defect != null) {
            throw new StorageException.InvalidInput("key", defect);
        }
    }

    static String defect(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid UTF-8";
            }
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "has " + bytes + " bytes of UTF-8; at most " + MAX_BYTES + " are accepted";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
