package fazt.proto.scheduler;

import fazt.proto.MessageType;

/** A run was recorded and queued: its unguessable {@code runId} and its {@code status} ({@code queued}). */
@MessageType("scheduler.run_accepted.v1")
public record RunAccepted(String runId, String status) {}
