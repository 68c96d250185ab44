package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.util.List;
import java.util.Objects;

/**
 * An outbound HTTP request made by app code through {@code fetch}: method (upper-case for the standard ones), absolute
 * http(s) URL, headers in order, the whole body ({@code byte[0]} when there is none) and what to do on a redirect.
 */
public record OutboundRequest(String method, String url, List<HttpHeader> headers, byte[] body, Redirect redirect) {
    /** The fetch {@code redirect} mode. */
    public enum Redirect {
        /** Follow up to {@link OutboundFetch#MAX_REDIRECTS}, re-checking every target address. */
        FOLLOW,
        /** Hand the 3xx response to the app as it is. */
        MANUAL,
        /** Fail the fetch on a redirect. */
        ERROR
    }

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        redirect = redirect == null ? Redirect.FOLLOW : redirect;
    }
}
