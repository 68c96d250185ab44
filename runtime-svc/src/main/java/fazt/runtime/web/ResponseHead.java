package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.util.List;
import org.graalvm.polyglot.Value;

/**
 * What the handler's {@code Response} says before its body is read: status, headers in order (several
 * {@code set-cookie} stay separate), and the body either as {@code bytes} already known (a string, buffer, Blob,
 * FormData... body) or as a {@code reader} of a {@code ReadableStream} to pull with {@link WebBridge#readChunk}.
 * Both are null for a response without a body.
 */
public record ResponseHead(int status, List<HttpHeader> headers, byte[] bytes, Value reader) {
    /** True when the body must be pulled chunk by chunk. */
    public boolean streaming() {
        return reader != null;
    }
}
