package fazt.platform.service.admin;

import fazt.platform.nats.IncomingRequest;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminRoute;
import fazt.proto.auth.Principal;
import java.util.Map;

/**
 * One admin API call that reached its handler: the declared route, the request, the path's parameters, and the NATS
 * request it came in (for headers such as {@code Fazt-Client-Ip}). The route's scopes were checked already.
 */
public record AdminCall(AdminRoute route, AdminRequest request, Map<String, String> params, IncomingRequest incoming) {
    /** A path parameter the route's template declares ({@code name} of {@code /apps/{name}}). */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException(route.key() + " has no parameter " + name);
        }
        return value;
    }

    /** The caller; null only on a public route. */
    public Principal principal() {
        return request.principal();
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        return request.queryParam(name);
    }

    /** A header of the NATS request, or null. */
    public String header(String name) {
        return incoming == null ? null : incoming.header(name);
    }
}
