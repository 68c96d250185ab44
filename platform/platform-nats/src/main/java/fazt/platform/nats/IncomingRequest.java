package fazt.platform.nats;

import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import io.nats.client.impl.Headers;

/** A request as a {@link RequestEndpoint} sees it: subject, headers and body bytes, decoded on demand. */
public record IncomingRequest(String subject, Headers headers, byte[] data) {
    /** Decodes the body as {@code type}, or fails with a 400 problem naming the expected type. */
    public <T> T body(Class<T> type) {
        try {
            return MessageCodec.INSTANCE.decode(data == null ? new byte[0] : data, type);
        } catch (MessageCodec.MalformedMessageException e) {
            throw new ProblemException(Problem.of(
                    400,
                    "platform/malformed-request",
                    "Malformed request",
                    "The request body is not a valid " + MessageCodec.typeId(type) + " message."));
        }
    }

    /** A header's first value, or null. */
    public String header(String name) {
        return headers == null ? null : headers.getFirst(name);
    }
}
