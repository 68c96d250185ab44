package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.util.List;

/**
 * The response to an {@link OutboundRequest}: status and reason phrase, the final URL (after redirects), whether a
 * redirect was followed, the headers in order and the whole (decoded) body.
 */
public record OutboundResponse(
        int status, String statusText, String url, boolean redirected, List<HttpHeader> headers, byte[] body) {
    public OutboundResponse {
        headers = List.copyOf(headers);
        statusText = statusText == null ? "" : statusText;
        body = body == null ? new byte[0] : body;
    }
}
