package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An attacker floods the admin's login from one address: auth-svc in its own JVM with the default 64 MB heap hashes
 * a bounded number of passwords at once and refuses the rest (401, or 429 while the hashing pool is full), does not
 * run out of heap, and stays healthy; the admin then logs in from another address at once, since the lockout holds only
 * at the attacker's.
 */
class LoginUnderAttackE2E {
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final int ATTACKERS = 64;

    /**
     * As on a 16-core host: virtual threads are scheduled on as many carriers as there are cores, and argon2 never
     * blocks, so on a small test machine no more than two hashes would ever run at once and the flood could never
     * reach the heap limit, pool or no pool (with 16 carriers and FAZT_AUTH_HASH_CONCURRENCY=64, auth-svc logs
     * OutOfMemoryError and this test fails).
     */
    @RegisterExtension
    static final RunningStack suite = RunningStack.split()
            .env("FAZT_ADMIN_USER", "ana")
            .env("FAZT_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("FAZT_JAVA_OPTS", "-Djdk.virtualThreadScheduler.parallelism=16");

    static String loginBody(String password) {
        return "{\"username\":\"ana\",\"password\":\"" + password + "\"}";
    }

    static HttpResponse<byte[]> login(String password) throws Exception {
        return suite.edge()
                .send(
                        "POST",
                        "admin.localhost",
                        "/api/auth/login",
                        HttpRequest.BodyPublishers.ofString(loginBody(password)),
                        "Content-Type",
                        "application/json");
    }

    @Test
    void sixtyFourParallelWrongLoginsNeitherExhaustTheAuthHeapNorLockTheAdminOut() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS)) {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                String guess = "wrong password " + i;
                answers.add(attackers.submit(() -> login(guess)));
            }
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(Edge.text(response)).contains("https://errors.fazt.dev/auth/busy");
                }
            }
        }
        assertThat(statuses).as("every answer").hasSize(ATTACKERS).allSatisfy(s -> assertThat(s)
                .isIn(401, 429));

        String authLog = Files.readString(suite.stack().home.resolve("logs/auth.log"));
        assertThat(authLog).doesNotContain("OutOfMemoryError");
        assertThat(suite.stack().pids())
                .allSatisfy(
                        pid -> assertThat(Stack.running(pid)).as("pid %d", pid).isTrue());
        try (HttpClient http = HttpClient.newHttpClient()) {
            // auth-svc's management port: FAZT_MANAGEMENT_PORT + 1.
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + (suite.stack().managementPort + 1) + "/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        }

        for (int i = 0; i < 5; i++) {
            assertThat(login("another wrong password " + i).statusCode()).isEqualTo(401);
        }
        assertThat(login(ADMIN_PASSWORD).statusCode())
                .as("the lockout holds at the attacker's address")
                .isEqualTo(401);
        LoopbackHttp.Answer owner = LoopbackHttp.postJson(
                "127.0.0.2", suite.stack().httpPort, "admin.localhost", "/api/auth/login", loginBody(ADMIN_PASSWORD));
        assertThat(owner.status()).as(owner.head() + "\n" + owner.body()).isEqualTo(200);
        assertThat(owner.head()).containsIgnoringCase("Set-Cookie: fazt_session=");
        assertThat(owner.body()).contains("\"username\":\"ana\"");
    }
}
