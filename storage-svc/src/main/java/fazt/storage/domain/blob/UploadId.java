package fazt.storage.domain.blob;

import fazt.storage.domain.StorageException;
import java.util.regex.Pattern;

/** The writer-chosen id of an upload in progress: 8 to 64 of {@code [A-Za-z0-9_-]}. */
public record UploadId(String value) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    public UploadId {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid("uploadId", value);
        }
    }

    /** Parses {@code value} of request field {@code field}, naming that field when it is not an upload id. */
    public static UploadId of(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(field, value);
        }
        return new UploadId(value);
    }

    private static StorageException invalid(String field, String value) {
        return new StorageException.InvalidInput(
                field,
                value == null
                        ? "is missing"
                        : "must be 8 to 64 of A-Z, a-z, 0-9, '_' and '-', got " + StorageException.shown(value));
    }

    @Override
    public String toString() {
        return value;
    }
}
