package fazt.deploy.domain;

import java.time.Instant;

/**
 * One kept version of an app: where its files are ({@code namespace}), its manifest, size and origin, and whether it
 * has server code ({@code api}: {@code api/main.js} is in its files).
 */
public record AppVersion(
        AppId appId,
        int version,
        String namespace,
        Manifest manifest,
        int files,
        long bytes,
        String source,
        Instant createdAt,
        boolean api) {}
