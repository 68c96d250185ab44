package fazt.platform.service.admin;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminRoute;
import fazt.proto.admin.AdminRouteTable;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A service's admin API: its declared routes ({@code DeployAdminApi.ROUTES}, …) each bound to a handler, answered
 * the same way in every service. A path no route declares is a 404 {@code admin/no-route}; a declared path with
 * another method a 405 {@code admin/method-not-allowed} with {@code Allow}; a call without the route's scope a 403
 * {@code <service>/forbidden}, without a caller whose principal auth-svc signed ({@link PrincipalVerifier}, ADR 32) a
 * 401 {@code auth/unauthorized}: the caller a handler sees is the one the verified assertion states, never the rest
 * of the record that came over NATS; on a public route an unverified caller is none (null). Building refuses a declared route
 * without a handler or without a success answer, and a handler for a route not declared; a handler answering a
 * success status its route does not declare fails the call. So the tables and the code cannot drift apart.
 */
public final class AdminRouter {
    private static final Logger log = LoggerFactory.getLogger(AdminRouter.class);
    private final ServiceName owner;
    private final AdminRouteTable table;
    private final Map<String, AdminHandler> handlers;
    private final PrincipalVerifier verifier;

    private AdminRouter(
            ServiceName owner, AdminRouteTable table, Map<String, AdminHandler> handlers, PrincipalVerifier verifier) {
        this.owner = owner;
        this.table = table;
        this.handlers = Map.copyOf(handlers);
        this.verifier = verifier;
    }

    /** Starts binding handlers to the routes {@code owner} declares. */
    public static Builder of(ServiceName owner, List<AdminRoute> declared) {
        return new Builder(owner, declared);
    }

    /** Binds a handler to every declared route, by {@link AdminRoute#key()} ({@code "GET /apps/{name}"}). */
    public static final class Builder {
        private final ServiceName owner;
        private final List<AdminRoute> declared;
        private final Map<String, AdminHandler> handlers = new LinkedHashMap<>();
        private PrincipalVerifier verifier;

        private Builder(ServiceName owner, List<AdminRoute> declared) {
            this.owner = owner;
            this.declared = declared;
        }

        public Builder on(String key, AdminHandler handler) {
            if (handlers.put(key, handler) != null) {
                throw new IllegalStateException(owner.id() + " binds " + key + " twice");
            }
            return this;
        }

        /** Checks every caller's signed principal with {@code verifier}; required. */
        public Builder verifiedBy(PrincipalVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /**
         * The router; refuses one without a {@link PrincipalVerifier}, routes of another owner, unbound declared routes
         * and bound undeclared ones.
         */
        public AdminRouter build() {
            if (verifier == null) {
                throw new IllegalStateException(owner.id() + "'s admin router has no principal verifier");
            }
            Map<String, AdminRoute> byKey = new HashMap<>();
            for (AdminRoute route : declared) {
                if (route.owner() != owner) {
                    throw new IllegalStateException(
                            route.key() + " is declared for " + route.owner().id() + ", not " + owner.id());
                }
                byKey.put(route.key(), route);
            }
            List<String> silent = declared.stream()
                    .filter(r -> r.answers().isEmpty())
                    .map(AdminRoute::key)
                    .toList();
            if (!silent.isEmpty()) {
                throw new IllegalStateException(owner.id() + " declares routes without a success answer: " + silent);
            }
            TreeSet<String> undeclared = new TreeSet<>(handlers.keySet());
            undeclared.removeAll(byKey.keySet());
            TreeSet<String> unbound = new TreeSet<>(byKey.keySet());
            unbound.removeAll(handlers.keySet());
            if (!undeclared.isEmpty() || !unbound.isEmpty()) {
                throw new IllegalStateException(owner.id() + "'s admin routes and handlers differ: declared without a"
                        + " handler " + unbound + ", handled without a declaration " + undeclared);
            }
            return new AdminRouter(owner, new AdminRouteTable(declared), handlers, verifier);
        }
    }

    /** Answers an admin request as it came over NATS. */
    public AdminResponse handle(IncomingRequest incoming) {
        return handle(incoming.body(AdminRequest.class), incoming);
    }

    /** Resolves the route, checks its scopes, and runs its handler. */
    public AdminResponse handle(AdminRequest request, IncomingRequest incoming) {
        return switch (table.resolve(request.method(), request.path())) {
            case AdminRouteTable.NoRoute n ->
                throw new ProblemException(Problem.of(
                                404,
                                "admin/no-route",
                                "No such route",
                                "There is no admin API at /api" + request.path() + ".")
                        .withErrors(List.of(
                                new Problem.FieldError("path", "No route matches /api" + request.path() + "."))));
            case AdminRouteTable.WrongMethod wrong ->
                problemAnswer(
                        Problem.of(
                                        405,
                                        "admin/method-not-allowed",
                                        "Method not allowed",
                                        "/api" + request.path() + " accepts " + wrong.allowHeader() + ".")
                                .withErrors(List.of(new Problem.FieldError(
                                        "method", request.method() + " is not one of " + wrong.allowHeader() + "."))),
                        request,
                        Map.of("Allow", wrong.allowHeader()));
            case AdminRouteTable.Found found -> {
                AdminRoute route = found.route();
                Principal caller = verified(request.principal());
                if (!route.scope().isPublic() && caller == null) {
                    throw new ProblemException(Problem.of(
                            401, "auth/unauthorized", "Unauthorized", "A valid token or session is required."));
                }
                // The handler sees the caller the assertion states, never the rest of the record.
                AdminRequest believed = new AdminRequest(
                        request.method(),
                        request.path(),
                        request.query(),
                        caller,
                        request.contentType(),
                        request.body(),
                        request.bodyBlob(),
                        request.requestId());
                if (!route.scope().allows(caller, found.params())) {
                    throw new ProblemException(Problem.of(
                            403,
                            owner.id() + "/forbidden",
                            "Forbidden",
                            "This token lacks the scope "
                                    + String.join(" or ", route.scope().scopes(found.params())) + "."));
                }
                AdminResponse answer =
                        handlers.get(route.key()).handle(new AdminCall(route, believed, found.params(), incoming));
                // A problem answer (405, 429) is a refusal; a success must be one the table declares, or the OpenAPI
                // document would lie about this route. A handler that drifts fails here, as a 500, in its tests.
                if (answer.status() < 400 && !route.declares(answer.status())) {
                    throw new IllegalStateException(owner.id() + " answered " + route.key() + " with " + answer.status()
                            + ", which its table does not declare");
                }
                yield answer;
            }
        };
    }

    /** The caller the principal's assertion states, or null when there is none or it does not verify. */
    private Principal verified(Principal claimed) {
        if (claimed == null) {
            return null;
        }
        try {
            return verifier.verify(claimed);
        } catch (PrincipalAssertions.Refused e) {
            if (claimed.assertion() != null) {
                log.warn("principal refused service={} reason={}", owner.id(), e.getMessage());
            }
            return null;
        }
    }

    /**
     * A problem as an answer of its own rather than a problem reply, so that it can carry headers ({@code Allow},
     * {@code Retry-After}; problem replies carry none): the body is the same problem+json, with the instance and the
     * trace id a problem reply gets.
     */
    public static AdminResponse problemAnswer(Problem problem, AdminRequest request, Map<String, String> headers) {
        Problem full = problem.withInstance("/api" + request.path());
        String traceId = MDC.get(TraceContext.MDC_TRACE_ID);
        if (traceId != null) {
            full = full.withTraceId(traceId);
        }
        return new AdminResponse(
                full.status(),
                Problem.MEDIA_TYPE,
                headers,
                new String(MessageCodec.INSTANCE.encode(full), StandardCharsets.UTF_8),
                null);
    }
}
