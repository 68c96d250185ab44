package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.auth.AppUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code ctx.user} (the app user the gateway resolved, or null) and the login helpers, in real handlers. */
class AppUserIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    static final String HANDLER = """
            export default {
              async fetch(request, env, ctx) {
                const url = new URL(request.url);
                if (url.pathname === '/api/page') {
                  if (!ctx.user) {
                    return Response.redirect(new URL(ctx.loginUrl({ provider: 'google', redirect: url.pathname }), request.url), 302);
                  }
                  return new Response('hello ' + ctx.user.name);
                }
                if (url.pathname === '/api/sync') {
                  const me = ctx.requireUser();
                  return Response.json({ email: me.email });
                }
                await new Promise((resolve) => setTimeout(resolve, 1));
                const me = ctx.requireUser();
                let frozen = Object.isFrozen(me);
                return Response.json({ user: ctx.user, frozen });
              }
            };
            """;

    @Test
    void aLoggedInUserIsCtxUser() throws Exception {
        RuntimeHarness.App app = runtime.deploy("users", "api/main.js", HANDLER);
        AppUser ana = new AppUser("au_k3v9q2m7x4bz", "ana@example.com", "Ana", null, "google");
        RuntimeHarness.Response response = runtime.invokeAs(ana, app, "GET", "/api/me", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"user\":{\"id\":\"au_k3v9q2m7x4bz\",\"email\":\"ana@example.com\","
                        + "\"name\":\"Ana\",\"picture\":null,\"provider\":\"google\"},\"frozen\":true}");
        assertThat(runtime.invokeAs(ana, app, "GET", "/api/page", null).body()).isEqualTo("hello Ana");
        assertThat(runtime.invokeAs(ana, app, "GET", "/api/sync", null).body())
                .isEqualTo("{\"email\":\"ana@example.com\"}");
    }

    @Test
    void withoutAUserPagesRedirectToLoginAndApisAnswer401() throws Exception {
        RuntimeHarness.App app = runtime.deploy("anon", "api/main.js", HANDLER);
        RuntimeHarness.Response page = runtime.invoke(app, "GET", "/api/page", null);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("location"))
                .isEqualTo("https://anon.example.test/_fazt/auth/login?provider=google&redirect=%2Fapi%2Fpage");
        for (String path : new String[] {"/api/me", "/api/sync"}) {
            RuntimeHarness.Response api = runtime.invoke(app, "GET", path, null);
            assertThat(api.status()).as(path).isEqualTo(401);
            assertThat(api.header("content-type")).isEqualTo("application/problem+json");
            assertThat(api.body()).contains("https://errors.fazt.dev/auth/app-login-required");
        }
    }
}
