package fazt.proto.doctor;

import fazt.proto.MessageType;

/** Asks every instance of a service for its {@link SelfCheckReport}. {@code caller} names the asking service. */
@MessageType("doctor.selfcheck_request.v1")
public record SelfCheckRequest(String caller) {}
