package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.NatsRoles;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 37 against a real authorising nats-server: runtime-svc answers the gateway's invocations through
 * {@code allow_responses} alone, no explicit right covers the gateway's reply inboxes. So the server consumes each
 * answer's entry (a second answer to the same request is refused), instead of keeping an entry per delivered request
 * for two minutes and scanning them all on every later delivery; and the parts of the gateway's inbox runtime-svc
 * publishes into on its own (progress, body streams) still take its messages.
 */
class ReplyPermissionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AuthorisingNatsServer server;
    private static SubjectRoot root;
    private static Connection gateway;
    private static Connection runtime;
    private static final List<String> runtimeErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        root = new SubjectRoot("replytest");
        server = AuthorisingNatsServer.start(root);
        gateway =
                Nats.connect(NatsConnector.options(server.url(), "test-gateway", server.identity(ServiceName.GATEWAY)));
        Options options = new Options.Builder(
                        NatsConnector.options(server.url(), "test-runtime", server.identity(ServiceName.RUNTIME)))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        runtimeErrors.add(error);
                    }
                })
                .build();
        runtime = Nats.connect(options);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        runtime.close();
        server.close();
    }

    @Test
    void theRuntimesRightsCoverTheGatewaysProgressAndBodyStreamsButNotItsReplyInboxes() {
        List<String> publish = NatsRoles.of(ServiceName.RUNTIME).publish(root);
        String reply = gateway.createInbox() + ".1";
        assertThat(NatsPermissionsIT.allows(publish, reply)).isFalse();
        assertThat(NatsPermissionsIT.allows(publish, PeerInboxes.progress(gateway) + ".1"))
                .isTrue();
        assertThat(NatsPermissionsIT.allows(publish, PeerInboxes.bodyStreams(gateway) + ".1"))
                .isTrue();
    }

    @Test
    void anInvocationIsAnsweredOnceAndASecondAnswerIsRefused() throws Exception {
        List<String> repliedTo = new CopyOnWriteArrayList<>();
        runtime.createDispatcher(m -> {
                    repliedTo.add(m.getReplyTo());
                    runtime.publish(m.getReplyTo(), "first".getBytes(StandardCharsets.UTF_8));
                    runtime.publish(m.getReplyTo(), "second".getBytes(StandardCharsets.UTF_8));
                })
                .subscribe(root.qualify(RuntimeSubjects.INVOKE), "runtime");
        runtime.flush(WAIT);

        Message answer = gateway.request(root.qualify(RuntimeSubjects.INVOKE), new byte[0], WAIT);

        assertThat(new String(answer.getData(), StandardCharsets.UTF_8)).isEqualTo("first");
        String second = "Publish to \"" + repliedTo.getFirst() + "\"";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (runtimeErrors.stream().noneMatch(e -> e.contains(second)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runtimeErrors).anyMatch(e -> e.contains(second));
    }
}
