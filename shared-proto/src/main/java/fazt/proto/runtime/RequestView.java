package fazt.proto.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One invocation of an app's code as the admin API shows it ({@link InvocationRecord} without the app id);
 * {@code error} only when it failed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RequestView(
        Instant at,
        String requestId,
        String trigger,
        String method,
        String path,
        int status,
        long durationMs,
        boolean cold,
        String instance,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}
