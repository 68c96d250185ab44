package fazt.storage;

import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.storage.backup.BackupConfig;
import fazt.storage.config.BlobS3Config;
import fazt.storage.config.BlobStoreUrl;
import java.net.URI;
import java.util.List;

/** storage-svc's settings (ADR 23): where blobs are kept, and how the S3 store is reached (ADR 38). */
final class StorageSettings {
    static final Setting BLOB_STORE = Setting.of(
                    "FAZT_BLOB_STORE",
                    SettingType.STRING,
                    BlobStoreUrl.POSTGRES,
                    "where blob bytes go: `postgres`, or `s3://bucket/prefix` for an S3-compatible store "
                            + "(references stay in PostgreSQL; docs/blobs.md)")
            .parsedBy(text -> BlobStoreUrl.parse(text).toString())
            .mapsTo("storage.blob.store")
            .readBy("fazt-server migrate-blobs");
    static final Setting S3_ENDPOINT = Setting.of(
                    "FAZT_BLOB_S3_ENDPOINT",
                    SettingType.URL,
                    null,
                    "the S3 API's URL (MinIO, Garage, s3proxy, a cloud's); requests use path-style addressing")
            .defaultText("AWS's endpoint of the region")
            .parsedBy(StorageSettings::endpoint)
            .mapsTo("storage.blob.s3.endpoint")
            .readBy("fazt-server migrate-blobs");
    static final Setting S3_REGION = Setting.of(
                    "FAZT_BLOB_S3_REGION",
                    SettingType.STRING,
                    BlobS3Config.DEFAULT_REGION,
                    "the region requests are signed for")
            .mapsTo("storage.blob.s3.region")
            .readBy("fazt-server migrate-blobs");
    static final Setting S3_ACCESS_KEY_ID = Setting.of(
                    "FAZT_BLOB_S3_ACCESS_KEY_ID", SettingType.STRING, null, "the S3 access key id")
            .defaultText("required with `s3://`")
            .mapsTo("storage.blob.s3.access-key-id")
            .readBy("fazt-server migrate-blobs");
    static final Setting S3_SECRET_ACCESS_KEY_FILE = Setting.of(
                    "FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE",
                    SettingType.STRING,
                    null,
                    "a file holding the S3 secret access key (read at start, never logged)")
            .defaultText("required with `s3://`")
            .requires(S3_ACCESS_KEY_ID.name())
            .mapsTo("storage.blob.s3.secret-access-key-file")
            .readBy("fazt-server migrate-blobs");
    static final Setting S3_TIMEOUT = Setting.millis(
                    "FAZT_BLOB_S3_TIMEOUT_MS",
                    BlobS3Config.DEFAULT_TIMEOUT.toMillis(),
                    100,
                    600_000L,
                    "how long one S3 request attempt may take (the SDK retries a failed one twice)")
            .mapsTo("storage.blob.s3.timeout", Setting.AS_DURATION)
            .readBy("fazt-server migrate-blobs");

    static final Setting BACKUP_TARGET = Setting.of(
                    "FAZT_BACKUP_TARGET",
                    SettingType.STRING,
                    BackupConfig.DEFAULT_TARGET,
                    "where backup archives go: a directory storage-svc can write (docs/backups.md)")
            .parsedBy(StorageSettings::backupTarget)
            .mapsTo("storage.backup.target");
    static final Setting BACKUP_KEEP = Setting.number(
                    "FAZT_BACKUP_KEEP",
                    (long) BackupConfig.DEFAULT_KEEP,
                    1,
                    10_000L,
                    "how many finished backups to keep; a new one that is done removes the oldest beyond this")
            .mapsTo("storage.backup.keep");

    static final List<Setting> ALL = List.of(
            BLOB_STORE,
            S3_ENDPOINT,
            S3_REGION,
            S3_ACCESS_KEY_ID,
            S3_SECRET_ACCESS_KEY_FILE,
            S3_TIMEOUT,
            BACKUP_TARGET,
            BACKUP_KEEP);

    private StorageSettings() {}

    private static Object backupTarget(String text) {
        if (text.contains("://")) {
            throw new IllegalArgumentException(
                    "expected a directory; S3 backup targets are not supported yet (docs/backups.md), got \"" + text
                            + "\"");
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("expected an absolute directory, got \"" + text + "\"");
        }
        return text;
    }

    private static Object endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, got \"" + text + "\"");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, got \"" + text + "\"");
        }
        return text;
    }
}
