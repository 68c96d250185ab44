package fazt.proto.admin;

import fazt.proto.MessageType;
import fazt.proto.auth.Principal;
import java.util.List;
import java.util.Map;

/**
 * One admin API call as the gateway forwards it. {@code path} is below {@code /api} ({@code /apps/blog/versions});
 * {@code query} holds the decoded query parameters; {@code principal} is the caller resolved by auth-svc. A body up
 * to {@link AdminSubjects#MAX_INLINE_BODY} comes inline as UTF-8 text in {@code body}; a larger or binary one (a
 * bundle) was streamed to storage first and comes as {@code bodyBlob}.
 */
@MessageType("admin.request.v1")
public record AdminRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Principal principal,
        String contentType,
        String body,
        BodyBlob bodyBlob,
        String requestId) {
    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query == null ? null : query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
