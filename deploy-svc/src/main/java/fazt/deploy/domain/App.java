package fazt.deploy.domain;

import java.time.Instant;

/**
 * An app as listed: identity, alias, the live version (null only while a first deploy is under way), how many versions
 * are kept, and the live version's size.
 */
public record App(AppId id, String name, Integer liveVersion, int versions, int files, long bytes, Instant createdAt,
                  Instant updatedAt) {}
