package fazt.storage.persistence;

import fazt.platform.service.db.Sql;
import fazt.storage.config.BlobS3Config;
import fazt.storage.config.BlobStoreConfig;
import fazt.storage.config.BlobStoreUrl;
import fazt.storage.domain.blob.BlobStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob store {@code FAZT_BLOB_STORE} chose, and what comes with it: PostgreSQL alone, or the S3 store with its
 * client and the sweep of its stray objects. Built once per service context.
 */
@Singleton
final class BlobBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlobBackend.class);

    private final BlobStore store;
    private final S3Objects objects;
    private final StrayObjectSweep strays;

    BlobBackend(Sql sql, BlobStoreConfig config, BlobS3Config s3) {
        BlobStoreUrl url = config.url();
        JdbcBlobStore rows = new JdbcBlobStore(sql);
        if (!url.isS3()) {
            store = rows;
            objects = null;
            strays = null;
        } else {
            objects = S3Objects.connect(url, s3);
            store = new S3BlobStore(rows, new BlobMover(sql, objects), objects);
            strays = new StrayObjectSweep(sql, objects);
        }
        log.info(
                "blob store {} endpoint={} region={}",
                url,
                url.isS3() && s3.endpoint() != null ? s3.endpoint() : "-",
                url.isS3() ? s3.region() : "-");
    }

    BlobStore store() {
        return store;
    }

    /** Deletes the bucket's objects no row needs (nothing without S3); returns how many. */
    int sweepStrayObjects(Duration grace) {
        return strays == null ? 0 : strays.sweep(grace);
    }

    @PreDestroy
    @Override
    public void close() {
        if (objects != null) {
            objects.close();
        }
    }
}
