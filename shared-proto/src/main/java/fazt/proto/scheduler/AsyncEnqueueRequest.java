package fazt.proto.scheduler;

import fazt.proto.MessageType;
import fazt.proto.runtime.HttpHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Queue the request the app's {@code fetch} would get at {@code /api/<path>}: the gateway resolved the app
 * ({@code appId}, alias {@code name}) from the host, rewrote {@code url} from {@code /_fazt/async/<path>} to
 * {@code /api/<path>} (absolute, with the query), and passes {@code method}, {@code headers} and the whole
 * {@code body} (at most {@link SchedulerSubjects#MAX_PAYLOAD} bytes).
 */
@MessageType("scheduler.async_enqueue_request.v1")
public record AsyncEnqueueRequest(
        String appId, String name, String method, String url, List<HttpHeader> headers, byte[] body, String clientIp) {
    @Override
    public boolean equals(Object o) {
        return o instanceof AsyncEnqueueRequest r
                && Objects.equals(appId, r.appId)
                && Objects.equals(name, r.name)
                && Objects.equals(method, r.method)
                && Objects.equals(url, r.url)
                && Objects.equals(headers, r.headers)
                && Arrays.equals(body, r.body)
                && Objects.equals(clientIp, r.clientIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, method, url) * 31 + Arrays.hashCode(body);
    }
}
