package fazt.platform.nats;

import java.util.Map;

/**
 * A reply of raw bytes (a chunk of a blob, say) rather than an encoded record; {@code headers} go with it. Return it
 * from a {@link RequestEndpoint} whose contract says its reply is bytes.
 */
public record RawReply(byte[] data, Map<String, String> headers) {
    public RawReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
