package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.auth.domain.FirstRun;
import fazt.auth.domain.HashingPool;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without FAZT_ADMIN_USER, a one-time setup link creates the first admin; it works once and only while no admin exists. */
class FirstRunIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService());

    @Test
    void theSetupLinkCreatesTheFirstAdminOnceAndOnlyItsHashIsStored() throws Exception {
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT length(secret_hash) FROM auth.setup_secret");
            assertThat(r.next()).as("the start issued a link").isTrue();
            assertThat(r.getInt(1)).isEqualTo(32);
            // Pretend the start was a while ago, so a new link may replace it (as a restart would).
            s.executeUpdate("UPDATE auth.setup_secret SET created_at = now() - interval '2 minutes'");
        }
        FirstRun firstRun = suite.service(ServiceName.AUTH).context().getBean(FirstRun.class);
        String link = firstRun.setupLink("http://admin.localhost:8080").orElseThrow();
        assertThat(link).startsWith("http://admin.localhost:8080/_fazt/setup/");
        assertThat(firstRun.setupLink("http://admin.localhost:8080"))
                .as("one link per minute across instances")
                .isEmpty();
        String secret = link.substring(link.lastIndexOf('/') + 1);

        try (AdminCalls api = new AdminCalls(suite)) {
            String body =
                    "{\"secret\":\"%s\",\"username\":\"owner\",\"password\":\"a long enough password\",\"email\":\"o@example.org\"}";
            HashingPool pool = suite.service(ServiceName.AUTH).context().getBean(HashingPool.class);
            long runs = pool.runs();
            AdminCalls.Answer wrong = api.call("POST", "/auth/setup", body.formatted(secret.substring(1) + "x"), null);
            assertThat(wrong.status()).isEqualTo(404);
            AdminCalls.Answer badPassword = api.call(
                    "POST", "/auth/setup", body.formatted(secret).replace("a long enough password", "short"), null);
            assertThat(badPassword.status()).isEqualTo(400);
            assertThat(pool.runs())
                    .as("a wrong secret or password is refused before hashing")
                    .isEqualTo(runs);
            AdminCalls.Answer done = api.call("POST", "/auth/setup", body.formatted(secret), null);
            assertThat(done.status()).isEqualTo(201);
            assertThat(done.json().path("user").path("role").asText()).isEqualTo("admin");
            assertThat(api.call("POST", "/auth/setup", body.formatted(secret), null)
                            .status())
                    .as("used up")
                    .isEqualTo(404);
            assertThat(api.call(
                                    "POST",
                                    "/auth/login",
                                    "{\"username\":\"owner\",\"password\":\"a long enough password\"}",
                                    null)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(firstRun.setupLink("http://admin.localhost:8080"))
                .as("an admin exists")
                .isEmpty();
    }
}
