package fazt.proto.scheduler;

import fazt.proto.MessageType;

/** The status of run {@code runId} of app {@code appId} (the app the gateway resolved from the host). */
@MessageType("scheduler.run_status_request.v1")
public record RunStatusRequest(String appId, String runId) {}
