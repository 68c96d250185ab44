package fazt.storage.domain.kv;

import fazt.storage.domain.StorageException;

/** How the runtime gives a value back by default: a parsed JSON text, a UTF-8 string, or raw bytes. */
public enum ValueKind {
    JSON("json"),
    TEXT("text"),
    BYTES("bytes");

    private final String token;

    ValueKind(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static ValueKind of(String token) {
        for (ValueKind kind : values()) {
            if (kind.token.equals(token)) {
                return kind;
            }
        }
        throw new StorageException.InvalidInput(
                "kind",
                token == null ? "is missing" : "must be json, text or bytes, got " + StorageException.shown(token));
    }
}
