package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How to serve an app's live version, or {@code found} false. {@code namespace} is the storage namespace holding the
 * version's files; {@code spa} names the entry file served for unknown paths (null when not a single-page app);
 * {@code headers} and {@code redirects} come from the manifest, in manifest order; {@code api} is true when the version
 * has server code ({@code api/main.js}), whose handler then answers every path under {@code /api/}.
 */
@MessageType("deploy.site_reply.v1")
public record SiteReply(
        boolean found,
        String appId,
        String name,
        int version,
        String namespace,
        String spa,
        List<HeaderRule> headers,
        List<Redirect> redirects,
        Instant deployedAt,
        boolean api) {
    public static SiteReply notFound() {
        return new SiteReply(false, null, null, 0, null, null, null, null, null, false);
    }

    /** Extra response headers for paths matching {@code path} (a glob: {@code *} within a segment, {@code **} across). */
    public record HeaderRule(String path, Map<String, String> headers) {}

    /** Redirect requests for {@code from} (exact path, or a prefix ending in {@code *}) to {@code to} with {@code status}. */
    public record Redirect(String from, String to, int status) {}
}
