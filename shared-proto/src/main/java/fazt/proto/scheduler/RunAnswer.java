package fazt.proto.scheduler;

/** {@code POST /api/runs/{id}/replay}: the new run. */
public record RunAnswer(RunView run) {}
