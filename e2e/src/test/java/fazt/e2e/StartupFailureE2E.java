package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user sees when something is wrong at start: one line naming the cause, and no stray process. */
class StartupFailureE2E {
    @Test
    void aBadSettingStopsTheServerAtOnceWithOneLineNamingTheVariable() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FAZT_TARGETS", "deploy");
        env.put("FAZT_MASTER_KEY", "k".repeat(40));
        env.put("FAZT_DB_URL", "mysql://db/fazt");
        Stack.Result result =
                Stack.run(List.of(Stack.REPO.resolve("bin/fazt-server").toString()), env, 60);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip())
                .isEqualTo("fazt: FAZT_DB_URL: expected jdbc:postgresql://host:port/database, got \"mysql://db/fazt\"");
    }

    @Test
    void anUnknownTargetIsNamed() throws Exception {
        Stack.Result result = Stack.run(
                List.of(Stack.REPO.resolve("bin/fazt-server").toString()),
                Map.of("FAZT_TARGETS", "gateway,billing", "FAZT_MASTER_KEY", "k".repeat(40)),
                60);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("FAZT_TARGETS: unknown service \"billing\"");
    }

    @Test
    void stackUpNamesTheServiceThatFailedAndShowsItsLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                Stack stack = Stack.create("gateway")) {
            Map<String, String> env = new HashMap<>(stack.env());
            env.put("FAZT_HTTP_PORT", Integer.toString(taken.getLocalPort()));
            Stack.Result up =
                    Stack.run(List.of(Stack.REPO.resolve("scripts/stack").toString(), "up"), env, 180);
            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains("gateway exited while starting")
                    .contains("FAZT_HTTP_PORT: cannot listen on port " + taken.getLocalPort());
            for (long pid : stack.pids()) {
                assertThat(Stack.running(pid)).isFalse();
            }
        }
    }

    /**
     * Another stack answers 200 on every management port of ours (the same FAZT_MANAGEMENT_PORT): our one-JVM process
     * dies on the taken ports, and {@code up} must say so instead of counting the other stack's answers as ours.
     */
    @Test
    void stackUpAsksTheProcessesItStartedNotWhateverAnswersOnTheirPorts() throws Exception {
        List<HttpServer> otherStack = new ArrayList<>();
        try (Stack stack = Stack.create("all")) {
            for (int port = stack.managementPort; port < stack.managementPort + 7; port++) {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                server.createContext("/health", exchange -> {
                    byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, up.length);
                    exchange.getResponseBody().write(up);
                    exchange.close();
                });
                server.start();
                otherStack.add(server);
            }
            Stack.Result up = stack.stack("up");
            assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
            assertThat(up.output()).contains("exited while starting").doesNotContain("fazt is up");
            for (long pid : stack.pids()) {
                assertThat(Stack.running(pid)).isFalse();
            }
        } finally {
            otherStack.forEach(server -> server.stop(0));
        }
    }
}
