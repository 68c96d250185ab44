package fazt.storage.backup;

import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}, the first entry of every archive (ADR 39): what made it, when, how consistent it is, and
 * every other entry with its size and SHA-256, so an archive is checked whole before anything is restored from it.
 *
 * @param format        this layout's version ({@link #FORMAT})
 * @param faztVersion   the build that wrote it; a restore refuses an archive from a newer build
 * @param createdAt     when the snapshot was taken
 * @param snapshot      {@code shared} when every schema was read in one snapshot, {@code per-service} otherwise
 * @param key           {@link #KEY_KEPT_SEPARATELY}, or {@link #KEY_INCLUDED} with {@code master-key.enc}
 * @param parts         every entry after the manifest, in archive order
 */
public record BackupManifest(
        int format, String faztVersion, Instant createdAt, String snapshot, String key, List<Part> parts) {
    public static final int FORMAT = 1;
    public static final String ENTRY = "manifest.json";
    public static final String SNAPSHOT_SHARED = "shared";
    public static final String SNAPSHOT_PER_SERVICE = "per-service";
    public static final String KEY_KEPT_SEPARATELY = "kept separately";
    public static final String KEY_INCLUDED = "included, encrypted with a passphrase";

    public BackupManifest {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /**
     * One entry of the archive.
     *
     * @param name          its path in the archive ({@code schemas/<service>.part})
     * @param kind          {@code schema} (a service's tables) or {@code key}
     * @param service       whose schema; null for the key
     * @param schemaVersion the schema's Flyway version; null for the key
     * @param snapshot      {@code shared} or {@code own} (a schema read at its own instant)
     * @param size          bytes
     * @param sha256        lower-case hex
     */
    public record Part(
            String name, String kind, String service, String schemaVersion, String snapshot, long size, String sha256) {
        public static final String SCHEMA = "schema";
        public static final String KEY = "key";
    }
}
