package fazt.proto.admin;

import fazt.proto.ServiceName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Declared admin routes, resolved the one way: among the templates matching a path the most specific wins
 * ({@link PathTemplate#compareSpecificity}); the routes of that template are the resource, and the method picks one of
 * them ({@code HEAD} is served as {@code GET}). The gateway resolves a path's owner in the suite's table
 * ({@link AdminApi#TABLE}); each service resolves calls in its own.
 */
public final class AdminRouteTable {
    /** What a method and path resolve to. */
    public sealed interface Resolution {}

    /** The route and the path's parameters. */
    public record Found(AdminRoute route, Map<String, String> params) implements Resolution {}

    /** No template matches the path. */
    public record NoRoute() implements Resolution {}

    /** The path is known but not with this method; {@code allowed} is what the {@code Allow} header lists. */
    public record WrongMethod(List<String> allowed) implements Resolution {
        public String allowHeader() {
            return String.join(", ", allowed);
        }
    }

    private final List<AdminRoute> routes;

    /** Refuses a route declared twice, and two templates that match the same paths alike or belong to two owners. */
    public AdminRouteTable(List<AdminRoute> routes) {
        this.routes = List.copyOf(routes);
        Set<String> keys = new HashSet<>();
        Map<String, AdminRoute> shapes = new HashMap<>();
        for (AdminRoute route : this.routes) {
            if (!keys.add(route.key())) {
                throw new IllegalArgumentException("admin route declared twice: " + route.key());
            }
            AdminRoute same = shapes.putIfAbsent(shape(route.path()), route);
            if (same != null && (!same.path().text().equals(route.path().text()) || same.owner() != route.owner())) {
                throw new IllegalArgumentException(
                        "admin routes " + same.key() + " (" + same.owner().id() + ") and " + route.key() + " ("
                                + route.owner().id() + ") match the same paths");
            }
        }
    }

    public List<AdminRoute> routes() {
        return routes;
    }

    /** The route {@code method} and {@code path} reach, or why none. */
    public Resolution resolve(String method, String path) {
        Optional<AdminRoute> best = best(path);
        if (best.isEmpty()) {
            return new NoRoute();
        }
        String template = best.get().path().text();
        String wanted = method.equals("HEAD") ? "GET" : method;
        Set<String> allowed = new LinkedHashSet<>();
        for (AdminRoute route : routes) {
            if (route.path().text().equals(template)) {
                if (route.method().equals(wanted)) {
                    return new Found(route, route.path().match(path).orElseThrow());
                }
                allowed.add(route.method());
                if (route.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return new WrongMethod(List.copyOf(allowed));
    }

    /** The service owning {@code path} whatever the method, or null when no declared route matches it. */
    public ServiceName ownerOf(String path) {
        return best(path).map(AdminRoute::owner).orElse(null);
    }

    /** Whether {@code method} on {@code path} is a route that needs no caller (login, signup, setup). */
    public boolean isPublic(String method, String path) {
        return resolve(method, path) instanceof Found found
                && found.route().scope().isPublic();
    }

    private Optional<AdminRoute> best(String path) {
        List<AdminRoute> matching = new ArrayList<>();
        for (AdminRoute route : routes) {
            if (route.path().match(path).isPresent()) {
                matching.add(route);
            }
        }
        return matching.stream().min(Comparator.comparing(AdminRoute::path, PathTemplate::compareSpecificity));
    }

    /** The template with its parameter names erased: two templates of one shape match the same paths. */
    private static String shape(PathTemplate template) {
        StringBuilder out = new StringBuilder();
        for (PathTemplate.Segment s : template.segments()) {
            out.append('/')
                    .append(
                            switch (s.kind()) {
                                case LITERAL -> s.value();
                                case PARAM -> "{}";
                                case REST -> "{+}";
                            });
        }
        return out.toString();
    }
}
