package fazt.gateway.invoke;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway remembers so that a request that kills runtime instances is never handed to another one (ADR 0035):
 * the request ids it retried once (a request id is retried at most once, ever, however often a client sends it), and
 * the routes (app and path) cooling down after a request of theirs was running on an instance that died. A cooling
 * route is answered 503 with {@code Retry-After} without reaching the runtime; other routes and apps are not
 * touched. Both are bounded ({@link #MAX_REMEMBERED}, oldest forgotten first) and live in this gateway's memory only.
 */
@Singleton
final class PoisonGuard {
    /** How long a route whose request was running on an instance that died is not sent to the runtime. */
    static final Duration COOL_DOWN = Duration.ofSeconds(30);
    /** Request ids and routes remembered at most, each. */
    static final int MAX_REMEMBERED = 10_000;

    private final Map<String, Long> retried = bounded();
    private final Map<String, Long> coolingUntil = bounded();

    /** Whether {@code requestId} may be sent again; true once for each request id, recording it. */
    synchronized boolean mayRetry(String requestId) {
        return retried.putIfAbsent(requestId, System.nanoTime()) == null;
    }

    /** Starts the cool-down of route {@code path} of app {@code appId}. */
    synchronized void coolDown(String appId, String path) {
        coolingUntil.put(route(appId, path), System.nanoTime() + COOL_DOWN.toNanos());
    }

    /** Whole seconds (at least 1) until the route may run again; 0 when it is not cooling down. */
    synchronized long coolingSeconds(String appId, String path) {
        String route = route(appId, path);
        Long until = coolingUntil.get(route);
        if (until == null) {
            return 0;
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
            coolingUntil.remove(route);
            return 0;
        }
        return Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    }

    private static String route(String appId, String path) {
        return appId + " " + path;
    }

    private static Map<String, Long> bounded() {
        return new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > MAX_REMEMBERED;
            }
        };
    }
}
