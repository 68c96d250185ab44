package fazt.storage.domain;

/**
 * Every expected failure of the storage service. Each carries a user-safe message only (no cause, no stack trace),
 * which names the offending field or path; the API maps each kind to one problem type.
 */
public abstract sealed class StorageException extends RuntimeException {
    /** Longest rendering of a caller's value in a message; hostile inputs can be long. */
    private static final int SHOWN_LENGTH = 120;

    private StorageException(String safeMessage) {
        super(safeMessage, null, false, false);
    }

    /** The message, safe to show to the caller. */
    public String safeMessage() {
        return getMessage();
    }

    /**
     * A caller's value quoted for a message: control characters escaped, since paths may come from hostile bundles
     * and end up in logs or terminals, and cut at {@value #SHOWN_LENGTH} characters.
     */
    public static String shown(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int end = Math.min(value.length(), SHOWN_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '"' || c == '\\') {
                out.append(c == '"' || c == '\\' ? "\\" + c : String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(value.length() > end ? "…\"" : "\"").toString();
    }

    /** A field of the request is malformed or out of range. */
    public static final class InvalidInput extends StorageException {
        private final String field;

        public InvalidInput(String field, String reason) {
            super(field + " " + reason + ".");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A file path breaks the rules of {@link fazt.storage.domain.vfs.VfsPath}. */
    public static final class InvalidPath extends StorageException {
        private final String field;

        public InvalidPath(String field, String path, String reason) {
            super(field + " " + shown(path) + " is not a valid path: " + reason + ".");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A namespace name breaks the rules of {@link fazt.storage.domain.vfs.Namespace}. */
    public static final class InvalidNamespace extends StorageException {
        public InvalidNamespace(String namespace, String reason) {
            super("namespace " + shown(namespace) + " is not a valid namespace: " + reason + ".");
        }
    }

    /** A chunk does not start where the upload's bytes so far end: out of order, repeated, or for an unknown upload. */
    public static final class UploadOutOfOrder extends StorageException {
        public UploadOutOfOrder(String uploadId, long offset, long received) {
            super("Chunk at offset " + offset + " does not follow the " + received + " bytes received for upload "
                    + uploadId + ".");
        }
    }

    /** A single chunk is larger than one message may carry. */
    public static final class ChunkTooLarge extends StorageException {
        public ChunkTooLarge(long size, long limit) {
            super("The chunk has " + size + " bytes; a chunk may have at most " + limit + ".");
        }
    }

    /** An upload would grow past the largest blob the service accepts; it has been discarded. */
    public static final class UploadTooLarge extends StorageException {
        public UploadTooLarge(String uploadId, long limit) {
            super("Upload " + uploadId + " exceeds the largest blob accepted (" + limit + " bytes) and was discarded.");
        }
    }

    /** No blob is stored under the digest. */
    public static final class BlobNotFound extends StorageException {
        public BlobNotFound(String digest) {
            super("No blob is stored under digest " + digest + ".");
        }
    }

    /** The store holding the blob's bytes (S3) failed or timed out; the request may be retried. */
    public static final class BlobStoreUnavailable extends StorageException {
        public BlobStoreUnavailable(String what) {
            super("The blob store is unavailable: " + what + ". Try again later.");
        }
    }

    /** A read starts past the end of the blob. */
    public static final class RangeNotSatisfiable extends StorageException {
        public RangeNotSatisfiable(long offset, long size) {
            super("offset " + offset + " is past the end of the blob (" + size + " bytes).");
        }
    }

    /** A file to commit references a blob that is not stored (not uploaded yet, or collected). */
    public static final class BlobMissing extends StorageException {
        public BlobMissing(String path, String digest) {
            super("The blob " + digest + " of " + shown(path) + " is not stored; upload it before committing.");
        }
    }

    /** A file to commit declares a size other than its blob's. */
    public static final class SizeMismatch extends StorageException {
        public SizeMismatch(String path, long declared, long actual) {
            super(shown(path) + " declares " + declared + " bytes but its blob has " + actual + ".");
        }
    }

    /** Namespaces are immutable: a name is committed once. */
    public static final class NamespaceExists extends StorageException {
        public NamespaceExists(String namespace) {
            super("Namespace " + shown(namespace) + " is already committed; namespaces are immutable.");
        }
    }

    /** A request field is larger than the service accepts (a KV value, a document, a batch). */
    public static final class TooLarge extends StorageException {
        private final String field;

        public TooLarge(String field, long size, long limit, String unit) {
            super(field + " has " + size + " " + unit + "; at most " + limit + " are accepted.");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A document query, sort or update is malformed; {@code field} names the operator or field path at fault. */
    public static final class InvalidQuery extends StorageException {
        private final String field;

        public InvalidQuery(String field, String reason) {
            super(field + " " + reason + ".");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** An update cannot apply to a matched document (e.g. {@code $inc} of a string); nothing was updated. */
    public static final class UpdateConflict extends StorageException {
        private final String field;

        public UpdateConflict(String field, String documentId, String reason) {
            super(field + " cannot be applied to document " + shown(documentId) + ": " + reason
                    + "; no document was updated.");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A document to insert has an {@code _id} that is taken; nothing was inserted. */
    public static final class DocumentExists extends StorageException {
        public DocumentExists(String collection, String id) {
            super("Collection " + shown(collection) + " already has a document with _id " + shown(id)
                    + "; nothing was inserted.");
        }
    }

    /** A file to store references a blob that is not stored (not uploaded yet, or collected). */
    public static final class FileBlobMissing extends StorageException {
        public FileBlobMissing(String digest) {
            super("The blob " + digest + " is not stored; upload it with blob.write before files.put.");
        }
    }
}
