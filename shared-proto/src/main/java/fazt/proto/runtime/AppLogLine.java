package fazt.proto.runtime;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * One line of an app's log: {@code console.*} output ({@code level} debug, info, warn, error) or an uncaught error
 * (level error, message with {@code file:line:column}). {@code requestId} ties it to an invocation, if any.
 */
@MessageType("runtime.app_log_line.v1")
public record AppLogLine(String appId, Instant at, String level, String message, String requestId, String instance) {}
