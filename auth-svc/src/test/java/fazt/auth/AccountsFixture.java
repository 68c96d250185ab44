package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * auth-svc with an unattended admin and a bootstrap token, over real NATS and PostgreSQL, and the admin calls the
 * account tests make: log in, create a developer, ask who a secret belongs to. One per test class.
 */
final class AccountsFixture implements BeforeAllCallback, AfterAllCallback {
    static final String ADMIN = "root-admin";
    static final String PASSWORD = "correct horse battery";
    static final Principal BOOTSTRAP = new Principal("bootstrap", "bootstrap admin", List.of("admin"), "bootstrap");

    private final TestSuite suite = TestSuite.of(new AuthService())
            .with("FAZT_ADMIN_USER", ADMIN)
            .with("FAZT_ADMIN_PASSWORD", PASSWORD)
            .with("FAZT_ADMIN_TOKEN", "it-admin-token-0123456789abcdef");
    private AdminCalls api;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite.beforeAll(context);
        api = new AdminCalls(suite);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            api.close();
        } finally {
            suite.afterAll(context);
        }
    }

    TestSuite suite() {
        return suite;
    }

    AdminCalls api() {
        return api;
    }

    static String sessionOf(AdminCalls.Answer login) {
        String cookie = login.headers().get("Set-Cookie");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    AdminCalls.Answer login(String user, String password, String ip) throws Exception {
        return api.call(
                "POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null, ip);
    }

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    Principal principalOf(String secret) throws Exception {
        TokenVerifyReply reply = api.verify(secret);
        return reply.valid() ? reply.principal() : null;
    }

    String createDeveloper(String name) throws Exception {
        AdminCalls.Answer created = api.call(
                "POST",
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"developer\"}",
                BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("user").path("id").asText();
    }
}
