package fazt.server.applogin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.AuthService;
import fazt.gateway.GatewayService;
import fazt.gateway.edge.EdgeServer;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.GatewayHttp;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsFile;
import fazt.runtime.RuntimeService;
import fazt.storage.StorageService;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The login of app users from outside, set up once per test class: a browser ({@link AppBrowser}, carrying cookies
 * per host) on the real gateway and auth-svc (real NATS and PostgreSQL) logs in at a real OpenID Connect server
 * (mock-oauth2-server in its own JVM). The apps {@code blog} and {@code notes} run their server code in the real
 * runtime-svc (code in storage-svc); only deploy-svc's site and env lookups are played by NATS responders. Both apps
 * know the issuers alice and mallory (valid tokens), unverified (a valid token whose address is not vouched for) and
 * wrongaud and expired (invalid ones); blog admits only addresses at example.com.
 */
final class AppLoginFixture implements BeforeAllCallback, AfterAllCallback {
    static final String TOKEN = "it-gateway-admin-token-0123456789";
    static final String CLIENT = "fazt-blog";
    static final List<String> APPS = List.of("blog", "notes");

    /** The apps' server code, run by the real JavaScript engine: answers with what the handler was given. */
    static final String HANDLER = """
            export default {
              async fetch(request, env, ctx) {
                return Response.json({ user: ctx.user, cookie: request.headers.get('cookie') });
              }
            };
            """;

    /** Issuers and what their tokens say: alice and mallory are valid, wrongaud and expired are not. */
    static String config() {
        return "{\"interactiveLogin\":false,\"httpServer\":\"NettyWrapper\",\"tokenCallbacks\":["
                + issuer(
                        "alice",
                        120,
                        "\"sub\":\"alice-1\",\"email\":\"alice@example.com\",\"email_verified\":true,"
                                + "\"name\":\"Alice\",\"picture\":\"https://example.com/alice.png\",\"aud\":[\""
                                + CLIENT + "\"]")
                + ","
                + issuer(
                        "mallory",
                        120,
                        "\"sub\":\"m-1\",\"email\":\"mallory@evil.test\",\"email_verified\":true,\"aud\":[\"" + CLIENT
                                + "\"]")
                + ","
                // claims an allowed address without the provider vouching for it (no email_verified)
                + issuer(
                        "unverified", 120, "\"sub\":\"u-1\",\"email\":\"bob@example.com\",\"aud\":[\"" + CLIENT + "\"]")
                + ","
                + issuer("wrongaud", 120, "\"sub\":\"w-1\",\"email\":\"w@example.com\",\"aud\":[\"someone-else\"]")
                + ","
                + issuer(
                        "expired",
                        120,
                        "\"exp\":" + (Instant.now().getEpochSecond() - 600)
                                + ",\"sub\":\"e-1\",\"email\":\"e@example.com\",\"aud\":[\"" + CLIENT + "\"]")
                + "]}";
    }

    /** An issuer whose tokens carry {@code claims} (they override the server's own, {@code exp} included). */
    static String issuer(String id, int expiry, String claims) {
        return "{\"issuerId\":\"" + id + "\",\"tokenExpiry\":" + expiry + ",\"requestMappings\":[{\"requestParam\":"
                + "\"grant_type\",\"match\":\"authorization_code\",\"claims\":{" + claims + "}}]}";
    }

    private final TestSuite suite = TestSuite.of(
                    new GatewayService(), new AuthService(), new StorageService(), new RuntimeService())
            .with("FAZT_ADMIN_TOKEN", TOKEN)
            // the tests stand in for an HTTPS-terminating proxy on loopback (X-Forwarded-Proto)
            .with("FAZT_TRUSTED_PROXIES", "127.0.0.0/8")
            // the test's OIDC provider runs on loopback, which app login refuses unless allowed (docs/auth.md)
            .with("FAZT_AUTH_OIDC_ALLOW_HOSTS", "localhost");
    private final SuiteConnection connection = new SuiteConnection(suite);
    private OidcProviderProcess provider;
    private GatewayHttp gateway;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        provider = OidcProviderProcess.start(config());
        gateway = new GatewayHttp(this::port, Duration.ofSeconds(30));
        connection.beforeAll(context);
        Dispatcher responders = connection.nats().createDispatcher();
        responders.subscribe(suite.nats().root().qualify(DeploySubjects.SITE_GET), "deploy", this::site);
        responders.subscribe(
                suite.nats().root().qualify(DeploySubjects.ENV_GET),
                "deploy",
                m -> reply(m, AppEnvReply.class, new AppEnvReply(true, Map.of())));
        NatsRequester storage = connection.requester();
        for (String app : APPS) {
            byte[] code = HANDLER.getBytes(StandardCharsets.UTF_8);
            BlobWritten written = MessageCodec.INSTANCE.decode(
                    storage.requestRaw(
                                    StorageSubjects.BLOB_WRITE,
                                    Map.of(
                                            StorageSubjects.HEADER_UPLOAD_ID,
                                            UUID.randomUUID().toString().replace("-", ""),
                                            StorageSubjects.HEADER_OFFSET,
                                            "0",
                                            StorageSubjects.HEADER_LAST,
                                            "true"),
                                    code,
                                    Duration.ofSeconds(10))
                            .join()
                            .getData(),
                    BlobWritten.class);
            storage.request(
                            StorageSubjects.VFS_COMMIT,
                            new VfsCommitRequest(
                                    "ns_" + app, List.of(new VfsFile("api/main.js", written.digest(), code.length))),
                            VfsCommitReply.class,
                            Duration.ofSeconds(10))
                    .join();
        }
        for (String app : APPS) {
            for (String issuer : List.of("alice", "mallory", "unverified", "wrongaud", "expired")) {
                HttpResponse<String> put = admin(
                        "PUT",
                        "/api/apps/" + app + "/auth/providers/" + issuer,
                        "{\"clientId\":\"" + CLIENT + "\",\"clientSecret\":\"it-secret\",\"discoveryUrl\":\""
                                + provider.discoveryUrl(issuer) + "\"}");
                assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            }
        }
        HttpResponse<String> access =
                admin("PUT", "/api/apps/blog/auth/access", "{\"emails\":[],\"domains\":[\"example.com\"]}");
        assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (provider != null) {
                provider.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            connection.afterAll(context);
        }
    }

    /** A new browser, with no cookies yet. */
    AppBrowser browser() {
        return new AppBrowser(gateway);
    }

    /** A subscription to {@code subject} (without the root) on the suite's NATS, e.g. an auth event. */
    Subscription subscribe(String subject) {
        return connection.nats().subscribe(suite.nats().root().qualify(subject));
    }

    int port() {
        return suite.service(ServiceName.GATEWAY)
                .context()
                .getBean(EdgeServer.class)
                .port();
    }

    /** An admin API call with the bootstrap token, through the gateway. */
    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return gateway.send(
                method,
                "admin.localhost",
                path,
                HttpRequest.BodyPublishers.ofString(body),
                HttpResponse.BodyHandlers.ofString(),
                "Authorization",
                "Bearer " + TOKEN,
                "Content-Type",
                "application/json");
    }

    /** A refusal as the gateway must answer it: the status, problem+json of the type, no stack trace. */
    static void assertRefused(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).path("type").asText()).isEqualTo("https://errors.fazt.dev/" + type);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    /** Asserts the refusal as {@link #assertRefused} does; its problem's {@code detail}, for what it must say. */
    static String refusalDetail(HttpResponse<String> response, int status, String type) throws Exception {
        assertRefused(response, status, type);
        return json(response).path("detail").asText();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }

    // ---- deploy-svc's site lookup, played on NATS --------------------------------------------------------------

    private void site(Message message) {
        String name = MessageCodec.INSTANCE
                .decode(message.getData(), SiteRequest.class)
                .name();
        SiteReply site = APPS.contains(name)
                ? new SiteReply(true, "app_" + name, name, 1, "ns_" + name, null, null, null, Instant.now(), true)
                : SiteReply.notFound();
        reply(message, SiteReply.class, site);
    }

    private <T> void reply(Message message, Class<T> type, T body) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(type));
        connection.nats().publish(message.getReplyTo(), headers, MessageCodec.INSTANCE.encode(body));
    }
}
