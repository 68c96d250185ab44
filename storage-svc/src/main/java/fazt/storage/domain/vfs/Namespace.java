package fazt.storage.domain.vfs;

import fazt.storage.domain.StorageException;
import java.util.regex.Pattern;

/**
 * The name of an immutable set of files, such as {@code site/a_7k2m/v3}: a lower-case letter or digit, then up to
 * 199 of lower-case letters, digits, {@code / _ . -}. It is an opaque key, never a file system path.
 */
public record Namespace(String value) {
    public static final int MAX_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9/_.-]{0,199}");

    public Namespace {
        if (value == null) {
            throw new StorageException.InvalidNamespace(null, "it is missing");
        }
        if (value.length() > MAX_LENGTH) {
            throw new StorageException.InvalidNamespace(value, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            throw new StorageException.InvalidNamespace(
                    value, "it must start with a-z or 0-9 and hold only a-z, 0-9, '/', '_', '.' and '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
