package fazt.platform.nats;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A W3C trace context ({@code traceparent: 00-<trace-id>-<span-id>-<flags>}). The gateway starts one per HTTP
 * request (or adopts the caller's), every NATS request carries it, and every receiver puts the trace id in
 * the MDC under {@link #MDC_TRACE_ID} so the JSON log lines of all services share it.
 */
public record TraceContext(String traceId, String spanId) {
    /** MDC key of the trace id. */
    public static final String MDC_TRACE_ID = "traceId";

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final HexFormat HEX = HexFormat.of();

    /** A fresh trace. */
    public static TraceContext start() {
        return new TraceContext(randomHex(16), randomHex(8));
    }

    /** Parses a {@code traceparent} header; empty when absent or malformed (we then start a fresh trace). */
    public static Optional<TraceContext> parse(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        var m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches() || m.group(1).equals("0".repeat(32))) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(m.group(1), m.group(2)));
    }

    /** The trace of the current thread (from the MDC) with a new span, or a fresh trace. */
    public static TraceContext currentOrStart() {
        String traceId = MDC.get(MDC_TRACE_ID);
        return traceId == null ? start() : new TraceContext(traceId, randomHex(8));
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    // Trace ids need to be unique, not unpredictable: a thread-local generator keeps them off the per-request
    // critical path (a shared SecureRandom is a lock every request would take).
    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HEX.formatHex(b);
    }
}
