package fazt.proto.storage;

/**
 * {@code POST /api/backups}, optional: with {@code includeKey}, the archive also holds the master key, sealed with
 * {@code passphrase} (12 to 1024 characters; PBKDF2-HMAC-SHA256 and AES-256-GCM) as {@code master-key.enc}; without,
 * its manifest says the key is kept separately.
 */
public record BackupCreateBody(Boolean includeKey, String passphrase) {
    @Override
    public String toString() {
        return "BackupCreateBody[includeKey=" + includeKey + ", passphrase=" + (passphrase == null ? null : "********")
                + "]";
    }
}
