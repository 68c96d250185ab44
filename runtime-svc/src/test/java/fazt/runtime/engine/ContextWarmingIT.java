package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.deploy.AppChanged;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ADR 37: when a version goes live, the runtime makes its first context before any request, so the first request is
 * warm; the context is the one a cold start would have made (top level run once, its console line in the app's log),
 * carries the env vars of that moment, and a version that is not live (or an app that is gone) is not warmed.
 */
class ContextWarmingIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    private static final String COUNTING = """
            let loads = (globalThis.loads ?? 0) + 1;
            let served = 0;
            console.log('top level ran');
            export default { fetch(request, env) {
              served++;
              return new Response(`${env.COLOR}:${loads}:${served}`);
            } };
            """;

    @Test
    void theFirstRequestAfterAVersionGoesLiveIsWarmAndSeesTheTopLevelRunOnce() throws Exception {
        runtime.env("warmed", Map.of("COLOR", "red"));
        RuntimeHarness.App app = runtime.deploy("warmed", "api/main.js", COUNTING);
        runtime.goLive(app);
        ContextPool pool = runtime.bean(ContextPool.class);
        ContextKey key = new ContextKey(app.appId(), app.version(), app.namespace());
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(pool.idleCount(key)).isEqualTo(1));

        RuntimeHarness.Response first = runtime.invoke(app, "GET", "/api/", null);

        assertThat(first.cold()).isFalse();
        assertThat(first.body()).isEqualTo("red:1:1");
        assertThat(runtime.logLines)
                .filteredOn(l -> l.appId().equals("warmed") && l.message().equals("top level ran"))
                .hasSize(1)
                .allMatch(l -> l.requestId() == null);
    }

    @Test
    void aChangeOfEnvVarsWarmsAFreshContextWithTheNewValues() throws Exception {
        runtime.env("rewarmed", Map.of("COLOR", "red"));
        RuntimeHarness.App app = runtime.deploy("rewarmed", "api/main.js", COUNTING);
        runtime.goLive(app);
        ContextPool pool = runtime.bean(ContextPool.class);
        ContextKey key = new ContextKey(app.appId(), app.version(), app.namespace());
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(pool.idleCount(key)).isEqualTo(1));
        assertThat(runtime.invoke(app, "GET", "/api/", null).body()).isEqualTo("red:1:1");

        long before = pool.generation(app.appId());
        runtime.env("rewarmed", Map.of("COLOR", "blue"));
        runtime.publishChange("rewarmed", AppChanged.Change.ENV_CHANGED, app.version());
        Eventually.within(Duration.ofSeconds(10), () -> {
            assertThat(pool.generation(app.appId())).isGreaterThan(before);
            assertThat(pool.idleCount(key)).isEqualTo(1);
        });

        RuntimeHarness.Response after = runtime.invoke(app, "GET", "/api/", null);
        assertThat(after.body()).isEqualTo("blue:1:1");
        assertThat(after.cold()).isFalse();
    }

    @Test
    void aVersionThatIsNotLiveIsNotWarmed() throws Exception {
        runtime.env("unlisted", Map.of("COLOR", "green"));
        RuntimeHarness.App app = runtime.deploy("unlisted", "api/main.js", COUNTING);
        // announced, but deploy-svc's site.get does not know the app: nothing to warm
        runtime.publishChange("unlisted", AppChanged.Change.DEPLOYED, app.version());
        ContextPool pool = runtime.bean(ContextPool.class);
        ContextKey key = new ContextKey(app.appId(), app.version(), app.namespace());
        RuntimeHarness.App other = runtime.deploy("marker", "api/main.js", COUNTING);
        runtime.env("marker", Map.of("COLOR", "x"));
        runtime.goLive(other);
        // events are handled in order: once the later app is warm, the earlier one had its chance
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(
                        pool.idleCount(new ContextKey(other.appId(), other.version(), other.namespace())))
                .isEqualTo(1));

        assertThat(pool.idleCount(key)).isZero();
        RuntimeHarness.Response first = runtime.invoke(app, "GET", "/api/", null);
        assertThat(first.cold()).isTrue();
        assertThat(first.body()).isEqualTo("green:1:1");
    }
}
