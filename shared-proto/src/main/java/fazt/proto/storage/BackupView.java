package fazt.proto.storage;

import java.time.Instant;
import java.util.Map;

/**
 * One backup or restore and how far it got (ADR 39). {@code status}: {@code running}, {@code verifying} (the archive
 * is being read back and every hash checked), {@code done} (only after that check passed) or {@code failed} with
 * {@code error}. {@code kind}: {@code backup} or {@code restore}; {@code name} is the archive's.
 */
public record BackupView(
        String name,
        String kind,
        String status,
        String target,
        Instant startedAt,
        Instant finishedAt,
        long bytes,
        int partsDone,
        int partsTotal,
        String error,
        Map<String, Map<String, Long>> restored) {}
