package fazt.gateway.invoke;

import fazt.gateway.edge.Exchange;
import fazt.gateway.routing.HostRoute;

/**
 * A request under {@code /api/} on an app host, passed to the edge handler by {@link ApiRequestStreamer} as soon as
 * its head arrived; its body follows into {@code body} as the function pulls it.
 */
public record ApiRequest(Exchange exchange, HostRoute route, RequestBody body) {}
