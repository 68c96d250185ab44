package fazt.gateway.site;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.Date;

/**
 * The conditional request fields of RFC 9110 §13, evaluated in the order of §13.2.2 for a GET or HEAD: {@code If-Match},
 * else {@code If-Unmodified-Since} (412 when false), then {@code If-None-Match}, else {@code If-Modified-Since} (304
 * when false). Dates compare at whole seconds, the precision of {@code Last-Modified}; an unreadable date is ignored.
 */
final class Preconditions {
    private Preconditions() {}

    /** 412 or 304 when a condition fails, null when the request goes on. */
    static HttpResponseStatus evaluate(HttpHeaders request, String etag, Instant lastModified) {
        long modified = lastModified.getEpochSecond();
        String ifMatch = joined(request, HttpHeaderNames.IF_MATCH);
        if (ifMatch != null) {
            if (!EntityTags.listMatches(ifMatch, etag, false)) {
                return HttpResponseStatus.PRECONDITION_FAILED;
            }
        } else {
            Long unmodifiedSince = seconds(request.get(HttpHeaderNames.IF_UNMODIFIED_SINCE));
            if (unmodifiedSince != null && modified > unmodifiedSince) {
                return HttpResponseStatus.PRECONDITION_FAILED;
            }
        }
        String ifNoneMatch = joined(request, HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return EntityTags.listMatches(ifNoneMatch, etag, true) ? HttpResponseStatus.NOT_MODIFIED : null;
        }
        Long modifiedSince = seconds(request.get(HttpHeaderNames.IF_MODIFIED_SINCE));
        return modifiedSince != null && modified <= modifiedSince ? HttpResponseStatus.NOT_MODIFIED : null;
    }

    /**
     * The headers of a response without content (304, 412, 416): the validators and caching fields that let a cache
     * update what it holds (§15.4.5), without the fields that describe a body.
     */
    static HttpHeaders withoutBodyFields(HttpHeaders headers) {
        HttpHeaders copy = new DefaultHttpHeaders().set(headers);
        copy.remove(HttpHeaderNames.CONTENT_TYPE);
        copy.remove(HttpHeaderNames.CONTENT_ENCODING);
        copy.remove(HttpHeaderNames.CONTENT_LENGTH);
        return copy;
    }

    private static Long seconds(String field) {
        if (field == null) {
            return null;
        }
        Date date = DateFormatter.parseHttpDate(field);
        return date == null ? null : Math.floorDiv(date.getTime(), 1000L);
    }

    private static String joined(HttpHeaders headers, CharSequence name) {
        var values = headers.getAll(name);
        return values.isEmpty() ? null : String.join(",", values);
    }
}
