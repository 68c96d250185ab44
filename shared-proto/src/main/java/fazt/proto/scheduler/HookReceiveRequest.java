package fazt.proto.scheduler;

import fazt.proto.MessageType;
import fazt.proto.runtime.HttpHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A delivery to {@code POST /_fazt/hooks/<hookId>} on the host of app {@code appId}: the scheduler checks the hook
 * belongs to that app, verifies the signature when the hook has a secret, and queues a webhook run. {@code body} is
 * the raw body (at most {@link SchedulerSubjects#MAX_PAYLOAD} bytes), byte for byte as signed.
 */
@MessageType("scheduler.hook_receive_request.v1")
public record HookReceiveRequest(
        String appId,
        String name,
        String hookId,
        String method,
        String url,
        List<HttpHeader> headers,
        byte[] body,
        String clientIp) {
    @Override
    public boolean equals(Object o) {
        return o instanceof HookReceiveRequest r
                && Objects.equals(appId, r.appId)
                && Objects.equals(name, r.name)
                && Objects.equals(hookId, r.hookId)
                && Objects.equals(method, r.method)
                && Objects.equals(url, r.url)
                && Objects.equals(headers, r.headers)
                && Arrays.equals(body, r.body)
                && Objects.equals(clientIp, r.clientIp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appId, hookId, url) * 31 + Arrays.hashCode(body);
    }
}
