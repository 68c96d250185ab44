package fazt.proto.scheduler;

import java.time.Instant;

/** One attempt of a run: when, how it ended ({@code running}, {@code succeeded}, {@code failed}, {@code lost}), its output. */
public record AttemptView(
        int n,
        Instant startedAt,
        Instant endedAt,
        String status,
        Integer httpStatus,
        String error,
        String log,
        String instance,
        boolean counted) {}
