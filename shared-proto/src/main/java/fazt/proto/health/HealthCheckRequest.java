package fazt.proto.health;

import fazt.proto.MessageType;

/** Asks a service how it is. {@code caller} names the asking service, for the answerer's logs. */
@MessageType("health.check.v1")
public record HealthCheckRequest(String caller) {}
