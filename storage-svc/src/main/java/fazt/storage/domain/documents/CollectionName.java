package fazt.storage.domain.documents;

import fazt.storage.domain.StorageException;
import java.util.regex.Pattern;

/** A collection of an app's documents: 1-64 of {@code [A-Za-z0-9_-]}; created on first insert. */
public record CollectionName(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public CollectionName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new StorageException.InvalidInput(
                    "collection",
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
