package fazt.gateway.edge;

import fazt.gateway.edge.intake.Route;
import fazt.platform.nats.RequestMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every HTTP request the edge answers, timed from its dispatch to the last byte of its response written, as
 * {@code fazt_gateway_http_request_duration_seconds{route, outcome}} (ADR 41). {@code route} is what the intake
 * classified, in a few kinds ({@link #route}); {@code outcome} the class of the final status: {@code success} (1xx-3xx),
 * {@code client_error} (4xx) or {@code server_error} (5xx). A request whose connection closes before its response
 * is written whole is not recorded. HTTP/2 streams are channels of their own, so each is timed alone.
 */
@Singleton
final class EdgeMeters {
    static final String NAME = "fazt.gateway.http.request.duration";
    private static final AttributeKey<InFlight> IN_FLIGHT = AttributeKey.valueOf("fazt.edge.in-flight");

    private final MeterRegistry registry;
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();

    EdgeMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The request on {@code channel} is being answered from now on. */
    void started(Channel channel, String route) {
        channel.attr(IN_FLIGHT).set(new InFlight(this, route, System.nanoTime()));
    }

    /** The final status of the response being written on {@code channel}. */
    static void status(Channel channel, int status) {
        InFlight request = channel.attr(IN_FLIGHT).get();
        if (request != null) {
            request.status = status;
        }
    }

    /** The response on {@code channel} is written whole. */
    static void done(Channel channel) {
        InFlight request = channel.attr(IN_FLIGHT).getAndSet(null);
        if (request != null) {
            request.meters.record(request.route, request.status, System.nanoTime() - request.start);
        }
    }

    private void record(String route, int status, long nanos) {
        timers
                .computeIfAbsent(
                        route,
                        r -> RequestMeters.byOutcome(
                                registry,
                                NAME,
                                "HTTP requests answered by the edge, by route kind and outcome",
                                "route",
                                r))[RequestMeters.outcome(status)]
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The {@code route} label: a handful of kinds, never a host or path. */
    static String route(Route route) {
        return switch (route) {
            case Route.AppStatic s -> "site";
            case Route.AppFunction f -> "function";
            case Route.AppPlatform p -> "platform";
            case Route.AdminApi a -> "admin";
            case Route.AdminContract c -> "admin";
            case Route.Setup s -> "admin";
            case Route.Health h -> "health";
            case null, default -> "other";
        };
    }

    private static final class InFlight {
        final EdgeMeters meters;
        final String route;
        final long start;
        int status = 200;

        InFlight(EdgeMeters meters, String route, long start) {
            this.meters = meters;
            this.route = route;
            this.start = start;
        }
    }
}
