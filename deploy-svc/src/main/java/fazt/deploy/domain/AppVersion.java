package fazt.deploy.domain;

import java.time.Instant;

/** One kept version of an app: where its files are ({@code namespace}), its manifest, size and origin. */
public record AppVersion(AppId appId, int version, String namespace, Manifest manifest, int files, long bytes,
                         String source, Instant createdAt) {}
