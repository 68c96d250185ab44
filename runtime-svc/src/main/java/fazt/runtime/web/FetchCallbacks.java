package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Completes a fetch started through {@link WebHost#fetch}. Call on the context's thread only: the resolve function
 * builds the app's {@code Response}, the reject function turns the message into a {@code TypeError}.
 */
public final class FetchCallbacks {
    private FetchCallbacks() {}

    /** Settles the fetch promise with {@code response}. */
    public static void resolve(Value resolve, OutboundResponse response) {
        Object[] headers = new Object[response.headers().size() * 2];
        int i = 0;
        for (HttpHeader header : response.headers()) {
            headers[i++] = header.name();
            headers[i++] = header.value();
        }
        resolve.execute(
                response.status(),
                response.statusText(),
                response.url(),
                response.redirected(),
                ProxyArray.fromArray(headers),
                WebGlobals.bridge(resolve.getContext()).encode(response.body()));
    }

    /** Rejects the fetch promise with {@code new TypeError(message)}. */
    public static void reject(Value reject, String message) {
        reject.execute(message);
    }
}
