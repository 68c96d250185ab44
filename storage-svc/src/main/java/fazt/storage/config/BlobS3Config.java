package fazt.storage.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * How the S3 blob store is reached (prefix {@code storage.blob.s3}, from the {@code FAZT_BLOB_S3_*} settings); read
 * only when {@code FAZT_BLOB_STORE} is an {@code s3://} URL. The secret stays in its file until the client is made.
 */
@ConfigurationProperties("storage.blob.s3")
public record BlobS3Config(
        @Nullable String endpoint,
        @Nullable String region,
        @Nullable String accessKeyId,
        @Nullable String secretAccessKeyFile,
        @Nullable Duration timeout) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public BlobS3Config {
        region = region != null ? region : DEFAULT_REGION;
        timeout = timeout != null ? timeout : DEFAULT_TIMEOUT;
    }
}
