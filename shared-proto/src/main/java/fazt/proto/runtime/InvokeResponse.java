package fazt.proto.runtime;

import fazt.proto.MessageType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the app's handler answered. {@code body} is the first chunk; {@code bodyStream}, when not null, is a subject
 * of the answering instance that serves the rest by chunk pulls ({@link RuntimeSubjects}). {@code cold} tells whether
 * this request had to create the app's context; {@code instance} names the runtime instance that ran it.
 */
@MessageType("runtime.invoke_response.v1")
public record InvokeResponse(
        int status, List<HttpHeader> headers, byte[] body, String bodyStream, boolean cold, String instance) {
    @Override
    public boolean equals(Object o) {
        return o instanceof InvokeResponse r
                && status == r.status
                && cold == r.cold
                && Objects.equals(headers, r.headers)
                && Arrays.equals(body, r.body)
                && Objects.equals(bodyStream, r.bodyStream)
                && Objects.equals(instance, r.instance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, bodyStream, cold, instance) * 31 + Arrays.hashCode(body);
    }
}
