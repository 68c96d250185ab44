package fazt.storage.domain;

import java.util.regex.Pattern;

/**
 * The app whose KV, documents or files a request addresses. It always comes from the platform (runtime-svc fills it
 * from the invocation it serves), never from app code; every query filters by it.
 */
public record AppId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public AppId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new StorageException.InvalidInput(
                    "appId",
                    value == null
                            ? "is missing"
                            : "must be 1-64 of [A-Za-z0-9_-], got " + StorageException.shown(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
