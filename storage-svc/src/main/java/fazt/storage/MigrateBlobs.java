package fazt.storage;

import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.db.Sql;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import fazt.storage.config.BlobS3Config;
import fazt.storage.config.BlobStoreUrl;
import fazt.storage.persistence.BlobMigration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code fazt-server migrate-blobs --to s3://bucket/prefix | --to postgres}: moves every blob's bytes to the other
 * store while the suite serves (docs/blobs.md). Runs with storage-svc's database login and its {@code FAZT_BLOB_*}
 * settings; the storage schema must be at the version of this build (start storage-svc once after upgrading).
 *
 * <p>To S3: {@code FAZT_BLOB_STORE} must already name that bucket (and storage-svc run with it), because a service
 * on {@code postgres} cannot read a blob moved to S3, while one on S3 reads blobs still in PostgreSQL. To PostgreSQL:
 * {@code FAZT_BLOB_STORE} names the bucket the bytes come from; switch it to {@code postgres} after the run.
 */
public final class MigrateBlobs {
    private MigrateBlobs() {}

    /** Runs the migration {@code args} ask for; returns how many blobs it moved. */
    public static long run(Map<String, String> env, List<String> args, PrintStream progress) {
        BlobStoreUrl target = target(args);
        SettingValues settings = SettingValues.read(StorageSettings.ALL, env, ServiceName.STORAGE);
        BlobStoreUrl configured = BlobStoreUrl.parse((String) settings.get(StorageSettings.BLOB_STORE));
        if (!configured.isS3()) {
            throw new SettingsException(
                    StorageSettings.BLOB_STORE.name(),
                    target.isS3()
                            ? "is postgres: switch it to " + target + " (and restart storage-svc) first; services on "
                                    + "postgres cannot read blobs moved to S3, services on S3 read both"
                            : "is postgres: set it to the s3:// URL the blobs are in");
        }
        if (target.isS3() && !target.equals(configured)) {
            throw new SettingsException(
                    StorageSettings.BLOB_STORE.name(),
                    "is " + configured + ", not " + target + "; blobs move between PostgreSQL and one bucket only");
        }
        BlobS3Config s3 = new BlobS3Config(
                (String) settings.get(StorageSettings.S3_ENDPOINT),
                (String) settings.get(StorageSettings.S3_REGION),
                (String) settings.get(StorageSettings.S3_ACCESS_KEY_ID),
                (String) settings.get(StorageSettings.S3_SECRET_ACCESS_KEY_FILE),
                Duration.ofMillis((Long) settings.get(StorageSettings.S3_TIMEOUT)));
        BootstrapSettings.DatabaseLogin login = BootstrapSettings.databaseLoginOf(env, ServiceName.STORAGE);
        PGSimpleDataSource data = new PGSimpleDataSource();
        data.setURL(login.url());
        data.setUser(login.user());
        data.setPassword(login.password());
        data.setCurrentSchema(ServiceName.STORAGE.id());
        data.setConnectTimeout(10);
        data.setSocketTimeout(300);
        try (BlobMigration migration = BlobMigration.between(new Sql(data), configured, s3, progress)) {
            return migration.run(target.isS3());
        }
    }

    private static BlobStoreUrl target(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("--to")) {
            throw new SettingsException("migrate-blobs", "expected --to s3://bucket/prefix or --to postgres");
        }
        try {
            return BlobStoreUrl.parse(args.get(1));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("migrate-blobs --to", e.getMessage());
        }
    }
}
