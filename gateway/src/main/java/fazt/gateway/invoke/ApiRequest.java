package fazt.gateway.invoke;

import fazt.gateway.edge.Exchange;

/**
 * A request under {@code /api/} on an app host, passed to the edge handler by {@link ApiRequestStreamer} as soon as
 * its head arrived (the app is the route's); its body follows into {@code body} as the function pulls it.
 */
public record ApiRequest(Exchange exchange, RequestBody body) {}
