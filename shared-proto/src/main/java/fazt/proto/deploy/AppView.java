package fazt.proto.deploy;

import java.time.Instant;
import java.util.List;

/**
 * An app as the admin API shows it. {@code version} is the live version (absent before the first deploy);
 * {@code owner} the owner's username, absent for built-in apps and apps older than owners; {@code missingEnv} the env
 * names the live manifest declares that are not set, absent in listings.
 */
public record AppView(
        String id,
        String name,
        String host,
        Integer version,
        int versions,
        int files,
        long bytes,
        Instant createdAt,
        Instant updatedAt,
        String owner,
        List<String> missingEnv) {}
