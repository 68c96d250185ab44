package fazt.storage.domain.vfs;

import fazt.storage.domain.StorageException;

/**
 * A file's path inside a namespace: relative ({@code docs/index.html}), segments separated by {@code /}, none empty,
 * none {@code .} or {@code ..}, no backslash and no control character, at most {@value #MAX_LENGTH} characters.
 * Paths come from uploaded bundles and from URLs, so these rules keep every consumer (the gateway turning them into
 * URLs, WebDAV, a backup written to disk) safe from traversal, and give one file exactly one spelling.
 */
public record VfsPath(String value) {
    public static final int MAX_LENGTH = 1024;

    public VfsPath {
        String defect = defect(value);
        if (defect != null) {
            throw new StorageException.InvalidPath("path", value, defect);
        }
    }

    /** Parses {@code value} of request field {@code field}, naming that field when it is not a valid path. */
    public static VfsPath of(String field, String value) {
        String defect = defect(value);
        if (defect != null) {
            throw new StorageException.InvalidPath(field, value, defect);
        }
        return new VfsPath(value);
    }

    /** Why {@code value} is not a valid path, or null when it is one. */
    static String defect(String value) {
        if (value == null || value.isEmpty()) {
            return "it is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        if (value.charAt(0) == '/') {
            return "it must be relative (no leading '/')";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                return "it has a backslash";
            }
            if (c < 0x20 || c == 0x7f) {
                return c == 0 ? "it has a NUL character" : "it has a control character";
            }
            // A lone surrogate is a string that no UTF-8 byte sequence spells.
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return "it is not valid UTF-8";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "it is not valid UTF-8";
            }
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' segment";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
