package fazt.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.auth.AuthService;
import fazt.deploy.DeployService;
import fazt.deploy.domain.SeedBuiltinApps;
import fazt.gateway.GatewayService;
import fazt.mail.MailService;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.runtime.RuntimeService;
import fazt.scheduler.SchedulerService;
import fazt.storage.StorageService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin routes known on this branch, each with the scopes that may use it, and the set-up that makes them
 * reachable: every service in one JVM, with app {@code blog} deployed and one async run of it queued. Shared by the
 * scope cases ({@link AdminScopesIT}) and the forged principals ({@link ForgedPrincipalIT}).
 */
final class AdminRoutes {
    private AdminRoutes() {}

    /** Every service, with {@code token} as the bootstrap admin token. */
    static TestSuite allServices(String token) {
        return TestSuite.of(
                        new GatewayService(),
                        new AuthService(),
                        new DeployService(),
                        new StorageService(),
                        new RuntimeService(),
                        new SchedulerService(),
                        new MailService())
                .with("FAZT_ADMIN_TOKEN", token);
    }

    /**
     * Deploys {@code blog} with server code and an async handler, queues a run of it; the run's id. Returns only once
     * deploy-svc's background seeding of the built-in apps is done too, so no app appears while a case compares the
     * state before and after a call.
     */
    static String deployBlogWithARun(AdminEdge edge, String token) throws Exception {
        awaitBuiltinApps(edge, token);
        HttpResponse<String> deployed = edge.deploy(
                "blog",
                Map.of(
                        "index.html",
                        "blog",
                        "fazt.json",
                        "{\"async\": [\"work\"]}",
                        "api/main.js",
                        "export default { fetch() { return new Response('ok'); } };"),
                "Bearer " + token);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        HttpResponse<String> queued =
                edge.send("blog.localhost", "POST", "/_fazt/async/work", "{}".getBytes(), "application/json");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        return MessageCodec.INSTANCE
                .mapper()
                .readTree(queued.body())
                .path("run_id")
                .asText();
    }

    /** Waits, up to a minute, until the listing holds every built-in app (deploy-svc seeds them in the background). */
    static void awaitBuiltinApps(AdminEdge edge, String token) throws Exception {
        List<String> builtins = SeedBuiltinApps.BUILTINS.stream()
                .map(SeedBuiltinApps.Builtin::name)
                .toList();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<String> listed = List.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> apps = edge.call("GET", "/api/apps", null, "Authorization", "Bearer " + token);
            assertThat(apps.statusCode()).as(apps.body()).isEqualTo(200);
            listed = MessageCodec.INSTANCE
                    .mapper()
                    .readTree(apps.body())
                    .path("apps")
                    .findValuesAsText("name");
            if (listed.containsAll(builtins)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(listed).as("built-in apps seeded within a minute").containsAll(builtins);
    }

    /** Any valid caller. */
    static final String ALL = "*";

    /** A route and the scopes that may use it ({@link #ALL}: any valid caller). */
    record Route(String method, String path, String body, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<String> ANY = Set.of(ALL);

    static final Set<String> READ_BLOG = Set.of("admin", "read", "deploy:*", "deploy:blog");

    static final Set<String> CHANGE_BLOG = Set.of("admin", "deploy:*", "deploy:blog");

    static final Set<String> READERS = Set.of("admin", "read");

    static final Set<String> LOGS_BLOG = Set.of("admin", "read", "logs:blog");

    /** Stands for the id of a real run of blog, made by {@link #deployBlogWithARun}. */
    static final String RUN = "{run}";

    static final Set<String> ADMINS = Set.of("admin");

    /** A backup name no target holds: its routes answer 404 to an admin, and restore nothing. */
    static final String ARCHIVE = "fazt-backup-20300101-000000.tar.gz";

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/apps", null, ANY),
            new Route("GET", "/api/apps/blog", null, READ_BLOG),
            new Route("PATCH", "/api/apps/blog", "{\"name\":\"blog\"}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/deploy", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/versions", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/rollback", "{}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/clone", "{\"as\":\"blog\"}", CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/files", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/files/index.html", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/auth/providers", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/auth/providers/github", "{\"clientId\":\"x\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/auth/providers/github", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/auth/access", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/auth/access", "{\"emails\":[\"nope\"]}", CHANGE_BLOG),
            new Route("GET", "/api/me", null, ANY),
            new Route("POST", "/api/auth/logout", null, ANY),
            new Route("POST", "/api/auth/principal-keys/rotate", null, ADMINS),
            new Route("GET", "/api/users", null, READERS),
            new Route("POST", "/api/users", "{\"username\":\"x\"}", ADMINS),
            new Route("GET", "/api/users/nobody", null, READERS),
            new Route("POST", "/api/users/nobody/disable", null, ADMINS),
            new Route("POST", "/api/users/nobody/enable", null, ADMINS),
            new Route("DELETE", "/api/users/nobody?apps=delete", null, ADMINS),
            new Route("GET", "/api/tokens", null, ANY),
            new Route("GET", "/api/tokens?all=true", null, ADMINS),
            new Route("POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"read\"]}", READERS),
            new Route("POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"deploy:blog\"]}", CHANGE_BLOG),
            new Route(
                    "POST", "/api/tokens", "{\"name\":\"t\",\"scopes\":[\"logs:blog\"]}", Set.of("admin", "logs:blog")),
            new Route("DELETE", "/api/tokens/t_missing", null, ANY),
            new Route("GET", "/api/settings/signup", null, READERS),
            new Route("PUT", "/api/settings/signup", "{\"enabled\":false}", ADMINS),
            new Route("GET", "/api/apps/blog/env", null, READ_BLOG),
            new Route("PUT", "/api/apps/blog/env/GREETING", "{\"value\":\"hi\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/env/GREETING", null, CHANGE_BLOG),
            new Route("GET", "/api/apps/blog/domains", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/domains", "{\"domain\":\"localhost\"}", CHANGE_BLOG),
            new Route("POST", "/api/apps/blog/domains/nope.example.com/verify", null, CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/domains/nope.example.com", null, CHANGE_BLOG),
            new Route("GET", "/api/domains", null, READERS),
            new Route("GET", "/api/apps/blog/logs", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/metrics", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/requests", null, LOGS_BLOG),
            new Route("GET", "/api/apps/blog/runs", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/schedules", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/hooks", null, READ_BLOG),
            new Route("POST", "/api/apps/blog/hooks", "{\"name\":\"gh\"}", CHANGE_BLOG),
            new Route("DELETE", "/api/apps/blog/hooks/gh", null, CHANGE_BLOG),
            new Route("GET", "/api/runs/" + RUN, null, READ_BLOG),
            new Route("POST", "/api/runs/" + RUN + "/replay", null, CHANGE_BLOG),
            new Route("GET", "/api/certificates", null, ADMINS),
            new Route("GET", "/api/doctor", null, ADMINS),
            new Route("GET", "/api/backups", null, ADMINS),
            // A body the admin is refused for (400): no backup is started by the scope cases.
            new Route("POST", "/api/backups", "{\"includeKey\":\"yes\"}", ADMINS),
            new Route("GET", "/api/backups/" + ARCHIVE, null, ADMINS),
            new Route("POST", "/api/backups/" + ARCHIVE + "/verify", null, ADMINS),
            new Route("POST", "/api/backups/" + ARCHIVE + "/restore", null, ADMINS),
            new Route("PUT", "/api/domains/blog.localhost/certificate", "{\"chain\":\"x\",\"key\":\"y\"}", ADMINS),
            new Route("GET", "/api/apps/blog/mail", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/mail/messages", null, READ_BLOG),
            new Route("GET", "/api/apps/blog/mail/outbound", null, READ_BLOG),
            new Route("GET", "/api/mail/messages", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing/raw", null, ANY),
            new Route("GET", "/api/mail/messages/m_missing/attachments/0", null, ANY),
            new Route("PATCH", "/api/mail/messages/m_missing", "{\"read\":true}", ANY),
            new Route("DELETE", "/api/mail/messages/m_missing", null, ANY),
            new Route("GET", "/api/mail/addresses", null, READERS),
            new Route("POST", "/api/mail/addresses", "{\"address\":\"x@nowhere.example\"}", ADMINS),
            new Route("DELETE", "/api/mail/addresses/x@localhost", null, ADMINS),
            new Route(
                    "POST", "/api/mail/send", "{\"to\":[\"a@example.net\"],\"subject\":\"x\",\"text\":\"x\"}", ADMINS),
            new Route("GET", "/api/mail/outbound", null, READERS),
            new Route("GET", "/api/mail/outbound/o_missing", null, ANY),
            new Route("GET", "/api/mail/relay", null, ADMINS),
            new Route("PUT", "/api/mail/relay", "{\"host\":\"127.0.0.1\",\"port\":1,\"tls\":\"none\"}", ADMINS),
            new Route("GET", "/api/mail/domains/localhost/dns", null, ADMINS),
            // Last: it deletes blog, whose run the routes above look at.
            new Route("DELETE", "/api/apps/blog", null, CHANGE_BLOG));
}
