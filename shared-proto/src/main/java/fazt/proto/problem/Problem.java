package fazt.proto.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import fazt.proto.MessageType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem, as services reply it over NATS and the gateway passes it to HTTP clients unchanged
 * ({@code application/problem+json}). {@code type} is a stable URI under {@link #TYPE_BASE}; {@code title} is fixed
 * per type; {@code detail} is safe to show to the user and never carries an exception message; {@code errors}
 * names offending fields of a rejected input. {@code extensions} are RFC 9457 extension members of the type
 * (e.g. {@code file}, {@code line}, {@code column} of rejected server code): written as top-level members, and any
 * member a receiver does not know is kept there, so they pass through the gateway unchanged.
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
        List<FieldError> errors,
        @JsonAnyGetter @JsonAnySetter Map<String, Object> extensions) {
    /** Every problem type is {@code TYPE_BASE + "<service>/<kind>"}. */
    public static final String TYPE_BASE = "https://errors.fazt.dev/";
    /** The media type of an HTTP problem response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = extensions == null ? new LinkedHashMap<>() : extensions;
    }

    /** A problem without extension members. */
    public Problem(
            String type,
            String title,
            int status,
            String detail,
            String instance,
            String code,
            String errorId,
            String traceId,
            List<FieldError> errors) {
        this(type, title, status, detail, instance, code, errorId, traceId, errors, null);
    }

    /** A problem of kind {@code service/kind} with a user-safe detail. */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(
                TYPE_BASE + kind,
                title,
                status,
                detail,
                null,
                kind.replace('/', '.').replace('-', '_'),
                null,
                null,
                null);
    }

    public Problem withInstance(String value) {
        return new Problem(type, title, status, detail, value, code, errorId, traceId, errors, extensions);
    }

    public Problem withTraceId(String value) {
        return new Problem(type, title, status, detail, instance, code, errorId, value, errors, extensions);
    }

    public Problem withErrors(List<FieldError> value) {
        return new Problem(type, title, status, detail, instance, code, errorId, traceId, value, extensions);
    }

    /** This problem with one more extension member (a name other than the standard members). */
    public Problem withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, code, errorId, traceId, errors, more);
    }

    /** One offending field of a rejected input. */
    public record FieldError(String field, String message) {}
}
