package fazt.deploy.config;

import fazt.deploy.domain.BundleLimits;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * deploy-svc's limits. {@code maxBundleBytes}: largest upload (100 MB); {@code maxFiles}: files per bundle (10,000);
 * {@code maxTotalBytes}: expanded size (100 MB); {@code maxRatio}: expanded ÷ compressed before a bundle counts as a
 * zip bomb (100); {@code keepVersions}: versions kept per app (20); {@code domainCheckAddress}: {@code host:port} the
 * custom-domain check connects to instead of the domain (null: the domain's own address).
 */
@ConfigurationProperties("deploy")
public record DeployConfig(
        @Nullable Long maxBundleBytes,
        @Nullable Integer maxFiles,
        @Nullable Long maxTotalBytes,
        @Nullable Integer maxRatio,
        @Nullable Integer keepVersions,
        @Nullable String domainCheckAddress) {
    public static final int DEFAULT_KEEP_VERSIONS = 20;

    public BundleLimits limits() {
        BundleLimits d = BundleLimits.defaults();
        return new BundleLimits(
                maxBundleBytes != null ? maxBundleBytes : d.maxBundleBytes(),
                maxFiles != null ? maxFiles : d.maxFiles(),
                maxTotalBytes != null ? maxTotalBytes : d.maxTotalBytes(),
                maxRatio != null ? maxRatio : d.maxRatio(),
                d.ratioFloorBytes());
    }

    public int keep() {
        return keepVersions != null ? keepVersions : DEFAULT_KEEP_VERSIONS;
    }
}
