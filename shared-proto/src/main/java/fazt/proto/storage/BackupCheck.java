package fazt.proto.storage;

import java.time.Instant;
import java.util.List;

/**
 * An archive read back from the target and found whole: every part's size and SHA-256 match its manifest.
 *
 * @param faztVersion the build that wrote it
 * @param snapshot    {@code shared} (every schema at one instant) or {@code per-service}
 * @param key         whether the master key is in it
 * @param parts       the parts, {@code <name> <size> <sha256>}
 */
public record BackupCheck(
        String name,
        String faztVersion,
        Instant createdAt,
        String snapshot,
        String key,
        long bytes,
        List<String> parts) {}
