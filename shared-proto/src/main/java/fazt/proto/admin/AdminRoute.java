package fazt.proto.admin;

import fazt.proto.ServiceName;
import java.util.List;
import java.util.Set;

/**
 * One route of the admin API as its owner's table declares it: method, path template below {@code /api}, who may
 * call it ({@link ScopeRule}), a summary line, the query parameters it reads, and the record its JSON answer has
 * (null when it answers no body, a file, or a shape not yet typed). The tables are the contract: the gateway finds a
 * path's owner in them, the owner binds a handler to each, and the OpenAPI document is generated from them.
 */
public record AdminRoute(
        ServiceName owner,
        String method,
        PathTemplate path,
        ScopeRule scope,
        String summary,
        List<String> query,
        Class<?> response) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public AdminRoute {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method + " for " + path);
        }
        for (String scoped : scope.anyOf()) {
            int open = scoped.indexOf('{');
            if (open >= 0 && !path.parameters().contains(scoped.substring(open + 1, scoped.length() - 1))) {
                throw new IllegalArgumentException("scope " + scoped + " names no parameter of " + path);
            }
        }
        query = List.copyOf(query);
    }

    /** A route answering {@code response} (null: no typed body). */
    public static AdminRoute of(ServiceName owner, String method, String template, String scope, String summary) {
        return new AdminRoute(
                owner, method, PathTemplate.parse(template), ScopeRule.parse(scope), summary, List.of(), null);
    }

    /** This route reading the query parameters {@code names}. */
    public AdminRoute query(String... names) {
        return new AdminRoute(owner, method, path, scope, summary, List.of(names), response);
    }

    /** This route answering a JSON body of {@code type}. */
    public AdminRoute returns(Class<?> type) {
        return new AdminRoute(owner, method, path, scope, summary, query, type);
    }

    /** {@code GET /apps/{name}}: how handlers are bound to the route. */
    public String key() {
        return method + " " + path.text();
    }
}
