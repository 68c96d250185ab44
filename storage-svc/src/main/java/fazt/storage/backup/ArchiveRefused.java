package fazt.storage.backup;

/** Why an archive cannot be trusted or restored; nothing was changed when this is thrown before an import. */
final class ArchiveRefused extends RuntimeException {
    /** Not a fazt archive, cut short, or corrupt below the hashes (gzip or tar framing). */
    static final String DAMAGED = "backup-archive-damaged";
    /** A part's bytes do not match the manifest's size or SHA-256. */
    static final String HASH_MISMATCH = "backup-hash-mismatch";
    /** Written by a newer fazt, or a schema is newer than this build's. */
    static final String NEWER = "backup-archive-newer";
    /** The installation to restore into holds data a user made. */
    static final String NOT_EMPTY = "backup-target-not-empty";

    private final String code;

    ArchiveRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
