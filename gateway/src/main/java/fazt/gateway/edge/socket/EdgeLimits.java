package fazt.gateway.edge.socket;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The edge's limits at the socket (ADR 19), from {@code FAZT_HTTP_*}: {@code headerTimeoutMillis} from a request's
 * first byte to its last header line (and for a new connection to send anything); {@code idleTimeoutMillis} for a
 * kept-alive connection between requests; {@code bodyTimeoutMillis} the longest a body may stall while the edge waits
 * for it; {@code minBodyRate} bytes per second a body must average after {@link #BODY_GRACE_MILLIS};
 * {@code maxConnections} in all and {@code maxConnectionsPerClient} per client address; {@code trustedProxies} the
 * CIDRs whose forwarded headers count.
 */
@ConfigurationProperties("gateway.edge")
public record EdgeLimits(
        @Nullable Integer headerTimeoutMillis,
        @Nullable Integer idleTimeoutMillis,
        @Nullable Integer bodyTimeoutMillis,
        @Nullable Integer minBodyRate,
        @Nullable Integer maxConnections,
        @Nullable Integer maxConnectionsPerClient,
        @Nullable String trustedProxies) {
    public static final int DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_BODY_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_MIN_BODY_RATE = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 256;
    /** The first seconds of a body are not held to the minimum rate (TCP slow start, a client warming up). */
    public static final int BODY_GRACE_MILLIS = 10_000;
    /** Longest request line (414 beyond), header section and number of header fields (431 beyond). */
    public static final int MAX_REQUEST_LINE = 4096, MAX_HEADER_BYTES = 16 * 1024, MAX_HEADER_FIELDS = 100;

    public EdgeLimits {
        headerTimeoutMillis = headerTimeoutMillis != null ? headerTimeoutMillis : DEFAULT_HEADER_TIMEOUT_MILLIS;
        idleTimeoutMillis = idleTimeoutMillis != null ? idleTimeoutMillis : DEFAULT_IDLE_TIMEOUT_MILLIS;
        bodyTimeoutMillis = bodyTimeoutMillis != null ? bodyTimeoutMillis : DEFAULT_BODY_TIMEOUT_MILLIS;
        minBodyRate = minBodyRate != null ? minBodyRate : DEFAULT_MIN_BODY_RATE;
        maxConnections = maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
        maxConnectionsPerClient =
                maxConnectionsPerClient != null ? maxConnectionsPerClient : DEFAULT_MAX_CONNECTIONS_PER_CLIENT;
        trustedProxies = trustedProxies != null ? trustedProxies : "";
    }

    public static EdgeLimits defaults() {
        return new EdgeLimits(null, null, null, null, null, null, null);
    }
}
