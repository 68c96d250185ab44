package fazt.proto.deploy;

import fazt.proto.MessageType;

/**
 * The triggers ({@code cron} schedules and run policy) the live version of app {@code appId} declares in its
 * {@code fazt.json}; {@code appId} null asks for every app with a live version (scheduler-svc's full re-sync at start).
 */
@MessageType("deploy.triggers_request.v1")
public record TriggersRequest(String appId) {}
