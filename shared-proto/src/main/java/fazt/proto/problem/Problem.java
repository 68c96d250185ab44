package fazt.proto.problem;

import fazt.proto.MessageType;
import java.util.List;

/**
 * An RFC 9457 problem, as services reply it over NATS and the gateway passes it to HTTP clients unchanged
 * ({@code application/problem+json}). {@code type} is a stable URI under {@link #TYPE_BASE}; {@code title} is fixed
 * per type; {@code detail} is safe to show to the user and never carries an exception message; {@code errors}
 * names offending fields of a rejected input.
 */
@MessageType("problem.v1")
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String errorId,
        String traceId,
        List<FieldError> errors) {
    /** Every problem type is {@code TYPE_BASE + "<service>/<kind>"}. */
    public static final String TYPE_BASE = "https://errors.fazt.dev/";
    /** The media type of an HTTP problem response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of kind {@code service/kind} with a user-safe detail. */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail, null, kind.replace('/', '.').replace('-', '_'),
                null, null, null);
    }

    public Problem withInstance(String value) {
        return new Problem(type, title, status, detail, value, code, errorId, traceId, errors);
    }

    public Problem withTraceId(String value) {
        return new Problem(type, title, status, detail, instance, code, errorId, value, errors);
    }

    /** One offending field of a rejected input. */
    public record FieldError(String field, String message) {}
}
