package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.auth.domain.FullHashingPool;
import fazt.auth.domain.HashingPool;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import fazt.proto.auth.Principal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logins under attack, over real NATS and PostgreSQL: password hashing in a pool of one (a full pool answers 429 at
 * once), locked keys refused before any hash (counted by the pool), and lockouts that stop the attacker's address
 * while the account's owner still logs in from elsewhere.
 */
class LoginUnderAttackIT {
    static final String ADMIN = "owner";
    static final String PASSWORD = "correct horse battery";
    static final Principal BOOTSTRAP = new Principal("bootstrap", "bootstrap admin", List.of("admin"), "bootstrap");

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService())
            .with("FAZT_ADMIN_USER", ADMIN)
            .with("FAZT_ADMIN_PASSWORD", PASSWORD)
            .with("FAZT_AUTH_HASH_CONCURRENCY", "1");

    static AdminCalls api;
    static HashingPool pool;

    @BeforeAll
    static void connect() throws Exception {
        api = new AdminCalls(suite);
        pool = suite.service(ServiceName.AUTH).context().getBean(HashingPool.class);
    }

    @AfterAll
    static void close() throws Exception {
        api.close();
    }

    static AdminCalls.Answer login(String user, String password, String ip) throws Exception {
        return api.call(
                "POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null, ip);
    }

    static String createDeveloper() throws Exception {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        AdminCalls.Answer created = api.call(
                "POST",
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"developer\"}",
                BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        return name;
    }

    static void expireLock(String key) throws Exception {
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.login_throttle SET locked_until = now() - interval '1 second' WHERE key = '"
                    + key + "'");
        }
    }

    @Test
    void aFullPoolAnswers429WithRetryAfterCountsNoFailureAndHashingResumes() throws Exception {
        assertThat(pool.concurrency()).as("FAZT_AUTH_HASH_CONCURRENCY").isEqualTo(1);
        try (FullHashingPool ignored = FullHashingPool.fill(pool)) {
            AdminCalls.Answer busy = login(ADMIN, "not the password", "192.0.2.50");
            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.headers()).containsEntry("Retry-After", "1");
            assertThat(busy.json().path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/busy");
            assertThat(busy.json().path("instance").asText()).isEqualTo("/api/auth/login");
            AdminCalls.Answer create =
                    api.call("POST", "/users", "{\"username\":\"later\",\"password\":\"" + PASSWORD + "\"}", BOOTSTRAP);
            assertThat(create.status()).as("creating a user hashes too").isEqualTo(429);
        }
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*) FROM auth.login_throttle WHERE key LIKE '%192.0.2.50'");
            r.next();
            assertThat(r.getInt(1))
                    .as("a refused attempt checked nothing, so it is no failure")
                    .isZero();
        }
        assertThat(login(ADMIN, PASSWORD, "192.0.2.50").status()).isEqualTo(200);
    }

    @Test
    void anAccountLockedAtAnAddressCostsNoHashThereAndItsOwnerLogsInFromAnotherAddress() throws Exception {
        String attacker = "198.51.100.20";
        for (int i = 0; i < 5; i++) {
            assertThat(login(ADMIN, "not the password", attacker).status()).isEqualTo(401);
        }
        long runs = pool.runs();
        assertThat(login(ADMIN, PASSWORD, attacker).status()).isEqualTo(401);
        assertThat(login(ADMIN, "still not the password", attacker).status()).isEqualTo(401);
        assertThat(pool.runs()).as("locked attempts run no hash").isEqualTo(runs);
        assertThat(login(ADMIN, PASSWORD, "203.0.113.20").status())
                .as("the owner elsewhere")
                .isEqualTo(200);
    }

    @Test
    void aLockedAddressCostsNoHashForAnyAccount() throws Exception {
        String attacker = "198.18.0.9";
        for (int i = 0; i < 20; i++) {
            assertThat(login("nobody" + i, "not the password", attacker).status())
                    .isEqualTo(401);
        }
        long runs = pool.runs();
        assertThat(login(ADMIN, PASSWORD, attacker).status()).isEqualTo(401);
        assertThat(login("someone-else", PASSWORD, attacker).status()).isEqualTo(401);
        assertThat(pool.runs()).isEqualTo(runs);
        assertThat(login(ADMIN, PASSWORD, "198.18.0.10").status()).isEqualTo(200);
    }

    @Test
    void failuresFromEverywhereSlowAnAccountToATrickleButNeverAtAnAddressItLoggedInFrom() throws Exception {
        String dev = createDeveloper();
        assertThat(login(dev, PASSWORD, "192.0.2.77").status()).isEqualTo(200);
        for (int address = 0; address < 10; address++) {
            for (int i = 0; i < 5; i++) {
                assertThat(login(dev, "not the password", "198.51.100." + (100 + address))
                                .status())
                        .isEqualTo(401);
            }
        }
        long runs = pool.runs();
        assertThat(login(dev, PASSWORD, "203.0.113.77").status())
                .as("slowed at a new address")
                .isEqualTo(401);
        assertThat(pool.runs()).as("at no hash").isEqualTo(runs);
        assertThat(login(dev, PASSWORD, "192.0.2.77").status())
                .as("never where it logged in before")
                .isEqualTo(200);

        expireLock("user:" + dev);
        assertThat(login(dev, "not the password", "203.0.113.78").status())
                .as("one attempt per trickle")
                .isEqualTo(401);
        long trickled = pool.runs();
        assertThat(login(dev, PASSWORD, "203.0.113.79").status()).isEqualTo(401);
        assertThat(pool.runs()).isEqualTo(trickled);
        expireLock("user:" + dev);
        assertThat(login(dev, PASSWORD, "203.0.113.79").status())
                .as("and the next one gets in")
                .isEqualTo(200);
    }
}
