package fazt.storage.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** Where blob bytes go (prefix {@code storage.blob}, from {@code FAZT_BLOB_STORE}): PostgreSQL unless S3 is named. */
@ConfigurationProperties("storage.blob")
public record BlobStoreConfig(@Nullable String store) {
    public BlobStoreUrl url() {
        return store == null ? BlobStoreUrl.IN_POSTGRES : BlobStoreUrl.parse(store);
    }
}
