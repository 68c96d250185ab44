package fazt.gateway.edge.intake;

import fazt.platform.nats.TraceContext;
import fazt.proto.problem.Problem;

/**
 * A request the intake refused (bad framing, target or Host, a body over its route's limit). It travels down the
 * pipeline like a request so that its answer keeps its place among pipelined ones; the connection closes after it.
 */
public record Refusal(Problem problem, String instance, TraceContext trace, String requestId, boolean head) {}
