package fazt.runtime.engine;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.problem.Problem;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each app's env vars and secrets (decrypted by deploy-svc, asked with {@code svc.deploy.env.get}), cached per app
 * until deploy-svc announces a change. The values go into the handler's {@code env} and nowhere else: never logged,
 * never in a problem.
 */
@Singleton
final class AppEnvCache {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final NatsRequester nats;
    private final Map<String, Map<String, String>> cache = new ConcurrentHashMap<>();
    /** Bumped by every drop, so that an answer read before a change is not cached after it. */
    private final Map<String, Long> generations = new ConcurrentHashMap<>();

    AppEnvCache(NatsRequester nats) {
        this.nats = nats;
    }

    /** The app's variables; the same map instance until {@link #drop}, so contexts rebuild {@code env} only then. */
    Map<String, String> get(String appId) {
        Map<String, String> cached = cache.get(appId);
        if (cached != null) {
            return cached;
        }
        long generation = generations.getOrDefault(appId, 0L);
        AppEnvReply reply;
        try {
            reply = nats.call(DeploySubjects.ENV_GET, new AppEnvRequest(appId), AppEnvReply.class, TIMEOUT);
        } catch (RuntimeException e) { // a CallFailure, or a closed connection: either way not readable now
            throw new ProblemException(Problem.of(
                    503,
                    "runtime/env-unavailable",
                    "App settings unavailable",
                    "The app's environment variables could not be read; try again shortly."));
        }
        Map<String, String> values = reply.values() == null ? Map.of() : Map.copyOf(reply.values());
        synchronized (this) {
            if (generations.getOrDefault(appId, 0L) == generation) {
                cache.put(appId, values);
            }
        }
        return values;
    }

    void drop(String appId) {
        synchronized (this) {
            generations.merge(appId, 1L, Long::sum);
            cache.remove(appId);
        }
    }
}
