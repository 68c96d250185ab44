package fazt.proto.runtime;

import fazt.proto.MessageType;
import fazt.proto.auth.AppUser;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Run an app's handler for one HTTP request. The gateway resolved the app: {@code appId}, alias {@code name}, live
 * {@code version} and the storage {@code namespace} holding that version's files (the runtime loads {@code api/}
 * from it). {@code trigger} is {@code http} for requests under {@code /api/}, {@code scheduled}, {@code async} or
 * {@code webhook} or {@code email} for runs of scheduler-svc (see {@link RuntimeSubjects} for what each calls). {@code url} is the absolute URL the app sees ({@code https://blog.example.com/api/x?y=1}).
 * {@code body} holds the first body chunk (null or empty when there is none); {@code bodyStream}, when not null,
 * serves the rest by chunk pulls ({@link RuntimeSubjects}). {@code bodyLength} is the whole length, -1 if unknown.
 * {@code timeoutMillis} is the wall-time budget the gateway waits for. {@code user} is the app user logged in to this
 * app (the gateway resolved the app-session cookie through auth-svc), or null: anonymous, or not an HTTP trigger.
 */
@MessageType("runtime.invoke_request.v1")
public record InvokeRequest(
        String requestId,
        String appId,
        String name,
        int version,
        String namespace,
        String trigger,
        String method,
        String url,
        List<HttpHeader> headers,
        byte[] body,
        String bodyStream,
        long bodyLength,
        String clientIp,
        int timeoutMillis,
        AppUser user) {
    /** A request without a logged-in app user. */
    public InvokeRequest(
            String requestId,
            String appId,
            String name,
            int version,
            String namespace,
            String trigger,
            String method,
            String url,
            List<HttpHeader> headers,
            byte[] body,
            String bodyStream,
            long bodyLength,
            String clientIp,
            int timeoutMillis) {
        this(
                requestId,
                appId,
                name,
                version,
                namespace,
                trigger,
                method,
                url,
                headers,
                body,
                bodyStream,
                bodyLength,
                clientIp,
                timeoutMillis,
                null);
    }

    /** The same request with {@code user} as the logged-in app user. */
    public InvokeRequest withUser(AppUser user) {
        return new InvokeRequest(
                requestId,
                appId,
                name,
                version,
                namespace,
                trigger,
                method,
                url,
                headers,
                body,
                bodyStream,
                bodyLength,
                clientIp,
                timeoutMillis,
                user);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvokeRequest r
                && version == r.version
                && bodyLength == r.bodyLength
                && timeoutMillis == r.timeoutMillis
                && Objects.equals(requestId, r.requestId)
                && Objects.equals(appId, r.appId)
                && Objects.equals(name, r.name)
                && Objects.equals(namespace, r.namespace)
                && Objects.equals(trigger, r.trigger)
                && Objects.equals(method, r.method)
                && Objects.equals(url, r.url)
                && Objects.equals(headers, r.headers)
                && Arrays.equals(body, r.body)
                && Objects.equals(bodyStream, r.bodyStream)
                && Objects.equals(clientIp, r.clientIp)
                && Objects.equals(user, r.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, appId, version, method, url) * 31 + Arrays.hashCode(body);
    }
}
