package fazt.deploy.domain;

import java.time.Instant;

/**
 * An app as listed: identity, alias, the live version (null only while a first deploy is under way), how many versions
 * are kept, the live version's size, and its owner (null for built-in apps and apps older than owners).
 */
public record App(
        AppId id,
        String name,
        Integer liveVersion,
        int versions,
        int files,
        long bytes,
        Instant createdAt,
        Instant updatedAt,
        AppOwner owner) {}
