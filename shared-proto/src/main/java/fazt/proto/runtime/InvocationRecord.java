package fazt.proto.runtime;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * One finished invocation: when it started, what triggered it, the request line, the status answered, how long it
 * took, whether it was a cold start, which instance ran it, and for a failure the error detail shown to the author.
 */
@MessageType("runtime.invocation_record.v1")
public record InvocationRecord(
        String appId,
        String requestId,
        Instant at,
        String trigger,
        String method,
        String path,
        int status,
        long durationMillis,
        boolean cold,
        String instance,
        String error) {}
