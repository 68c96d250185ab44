package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handler each trigger calls (RuntimeSubjects): scheduled(event), webhook(request) or fetch, and async = fetch. */
class TriggersIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    private static final String EVENT =
            "{\"name\":\"sync\",\"cron\":null,\"every\":30000,\"scheduledTime\":1763769600000}";

    @Test
    void scheduledCallsTheScheduledHandlerWithTheEventAndAnswers204() throws Exception {
        runtime.env("cron", Map.of());
        RuntimeHarness.App app = runtime.deploy("cron", "api/main.js", """
                export default {
                  async fetch() { return new Response('fetch'); },
                  async scheduled(event, env, ctx) {
                    await env.KV.put('last', { name: event.name, every: event.every, at: event.scheduledTime,
                      type: event.type, cron: event.cron });
                  }
                };
                """);
        RuntimeHarness.Response response = runtime.invoke(app, "scheduled", "POST", "/_fazt/scheduled/sync", EVENT);
        assertThat(response.status()).isEqualTo(204);
        RuntimeHarness.App reader = runtime.deploy("cron", "api/main.js", """
                export default { async fetch(request, env) { return Response.json(await env.KV.get('last')); } };
                """);
        assertThat(runtime.invoke(reader, "GET", "/api/last", null).body())
                .isEqualTo(
                        "{\"name\":\"sync\",\"every\":30000,\"at\":1763769600000,\"type\":\"scheduled\",\"cron\":null}");
    }

    @Test
    void scheduledWithoutAScheduledHandlerIsA500NamingIt() throws Exception {
        runtime.env("nocron", Map.of());
        RuntimeHarness.App app =
                runtime.deploy("nocron", "api/main.js", "export default { fetch() { return new Response('x'); } };");
        assertThatThrownBy(() -> runtime.invoke(app, "scheduled", "POST", "/_fazt/scheduled/x", EVENT))
                .isInstanceOf(ProblemException.class)
                .satisfies(e ->
                        assertThat(((ProblemException) e).problem().detail()).contains("scheduled"));
    }

    @Test
    void webhookPrefersTheWebhookHandlerElseFetchAndAsyncIsFetch() throws Exception {
        runtime.env("hooks", Map.of());
        RuntimeHarness.App both = runtime.deploy("hooks", "api/main.js", """
                export default {
                  async fetch(request) { return new Response('fetch ' + new URL(request.url).pathname); },
                  async webhook(request) { return new Response('webhook ' + await request.text(), { status: 202 }); }
                };
                """);
        RuntimeHarness.Response hook = runtime.invoke(both, "webhook", "POST", "/api/hooks/github", "{\"a\":1}");
        assertThat(hook.status()).isEqualTo(202);
        assertThat(hook.body()).isEqualTo("webhook {\"a\":1}");
        assertThat(runtime.invoke(both, "async", "POST", "/api/work", "x").body())
                .isEqualTo("fetch /api/work");

        RuntimeHarness.App fetchOnly = runtime.deploy("hooks", "api/main.js", """
                export default { async fetch(request) { return new Response('fetch ' + new URL(request.url).pathname); } };
                """);
        assertThat(runtime.invoke(fetchOnly, "webhook", "POST", "/api/hooks/github", "{}")
                        .body())
                .isEqualTo("fetch /api/hooks/github");
    }
}
