package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The foundation, from outside: both deployment modes started by scripts/stack side by side (own FAZT_HOME, ports,
 * database and subject root), every service healthy through the gateway and present on {@code $SRV.PING}, status,
 * and a clean stop.
 */
class SuiteHealthE2E {
    @Test
    void splitAndOneJvmStacksRunSideBySideAndStopCleanly() throws Exception {
        try (Stack split = Stack.create(null);
                Stack single = Stack.create("all")) {
            // Start both at once: nothing may collide between two stacks on one machine.
            var upSplit = CompletableFuture.supplyAsync(() -> unchecked(() -> split.stack("up")));
            var upSingle = CompletableFuture.supplyAsync(() -> unchecked(() -> single.stack("up")));
            Stack.Result splitUp = upSplit.join();
            Stack.Result singleUp = upSingle.join();
            assertThat(splitUp.exitCode()).as(splitUp.output()).isZero();
            assertThat(singleUp.exitCode()).as(singleUp.output()).isZero();

            for (Stack stack : List.of(split, single)) {
                assertSevenServicesUpThroughTheGateway(stack);
                assertEveryServiceAnswersSrvPing(stack);
                Stack.Result status = stack.stack("status");
                assertThat(status.exitCode()).as(status.output()).isZero();
                assertThat(status.output()
                                .lines()
                                .filter(l -> l.contains(" UP "))
                                .count())
                        .isEqualTo(7);
            }
            assertThat(split.pids()).hasSize(7);
            assertThat(single.pids()).hasSize(1);

            List<Long> pids = split.pids();
            Stack.Result down = split.stack("down");
            assertThat(down.exitCode()).as(down.output()).isZero();
            for (long pid : pids) {
                assertThat(Stack.running(pid)).as("pid %d", pid).isFalse();
            }
            // The other stack is untouched by the first one's down.
            assertSevenServicesUpThroughTheGateway(single);
            assertThat(split.stack("status").exitCode()).isNotZero();

            // A second start of the same install (an admin exists now, no setup link is printed) works too.
            Stack.Result downSingle = single.stack("down");
            assertThat(downSingle.exitCode()).as(downSingle.output()).isZero();
            Stack.Result again = single.stack("up");
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertSevenServicesUpThroughTheGateway(single);
        }
    }

    private static void assertSevenServicesUpThroughTheGateway(Stack stack) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/_fazt/health"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = MessageCodec.INSTANCE.mapper().readTree(response.body());
            Set<String> up = new HashSet<>();
            body.get("services").forEach(s -> {
                if (s.get("status").asText().equals("UP")) {
                    up.add(s.get("name").asText());
                }
            });
            assertThat(up).hasSize(7);
        }
    }

    private static void assertEveryServiceAnswersSrvPing(Stack stack) throws Exception {
        try (Connection nats = stack.nats.connect()) {
            for (ServiceName service : ServiceName.values()) {
                String inbox = nats.createInbox();
                Subscription replies = nats.subscribe(inbox);
                nats.publish("$SRV.PING." + service.id(), inbox, new byte[0]);
                int ours = 0;
                Message reply;
                while ((reply = replies.nextMessage(Duration.ofMillis(500))) != null) {
                    String ping = new String(reply.getData(), StandardCharsets.UTF_8);
                    if (ping.contains("\"fazt.root\":\"" + stack.nats.root().value() + "\"")) {
                        ours++;
                    }
                }
                replies.unsubscribe();
                assertThat(ours)
                        .as("$SRV.PING.%s replies of root %s", service.id(), stack.nats.root())
                        .isEqualTo(1);
            }
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static <T> T unchecked(ThrowingSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
