package fazt.scheduler;

import fazt.platform.nats.FaztHeaders;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Plays runtime-svc over real NATS: joins queue group {@code runtime} on {@code svc.runtime.invoke} with a connection of
 * its own, sends heartbeats to the request's progress inbox while a handler runs, publishes a console line per
 * invocation, and answers what {@code behaviour} says. {@link Behaviour#die} closes the connection mid-run, as a
 * killed instance would.
 */
final class RuntimeStandIn implements AutoCloseable {
    /** What to do with one request. */
    record Behaviour(int status, String problem, long sleepMillis, boolean die) {
        static Behaviour ok() {
            return new Behaviour(200, null, 0, false);
        }

        static Behaviour status(int status) {
            return new Behaviour(status, null, 0, false);
        }

        static Behaviour slow(long millis) {
            return new Behaviour(200, null, millis, false);
        }

        static Behaviour thrown(String message) {
            return new Behaviour(500, message, 0, false);
        }

        static Behaviour dies() {
            return new Behaviour(0, null, 0, true);
        }
    }

    final List<InvokeRequest> seen = new CopyOnWriteArrayList<>();
    /** When each request arrived (epoch ms), by request id. */
    final Map<String, Long> arrived = new ConcurrentHashMap<>();

    private final Connection nats;
    private final SubjectRoot root;
    private final String instance;
    private final Function<InvokeRequest, Behaviour> behaviour;

    RuntimeStandIn(Connection nats, SubjectRoot root, String instance, Function<InvokeRequest, Behaviour> behaviour)
            throws Exception {
        this.nats = nats;
        this.root = root;
        this.instance = instance;
        this.behaviour = behaviour;
        nats.createDispatcher(m -> Thread.ofVirtual().start(() -> handle(m)))
                .subscribe(root.qualify(RuntimeSubjects.INVOKE), "runtime");
        nats.flush(Duration.ofSeconds(5));
    }

    private void handle(Message m) {
        InvokeRequest request = MessageCodec.INSTANCE.decode(m.getData(), InvokeRequest.class);
        arrived.put(request.requestId(), System.currentTimeMillis());
        seen.add(request);
        String progress = m.getHeaders().getFirst(RuntimeSubjects.HEADER_PROGRESS);
        Headers beat = new Headers();
        beat.put(RuntimeSubjects.HEADER_INSTANCE, instance);
        Thread heart = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    nats.publish(NatsMessage.builder()
                            .subject(progress)
                            .headers(beat)
                            .data(new byte[0])
                            .build());
                    Thread.sleep(RuntimeSubjects.HEARTBEAT_MILLIS);
                }
            } catch (InterruptedException | IllegalStateException e) {
                // stopped
            }
        });
        try {
            Behaviour b = behaviour.apply(request);
            if (b.die()) {
                Thread.sleep(300);
                heart.interrupt();
                nats.close();
                return;
            }
            if (b.sleepMillis() > 0) {
                Thread.sleep(b.sleepMillis());
            }
            nats.publish(
                    root.qualify(RuntimeSubjects.appLog(request.appId())),
                    MessageCodec.INSTANCE.encode(new AppLogLine(
                            request.appId(),
                            Instant.now(),
                            "info",
                            "handled " + request.url(),
                            request.requestId(),
                            instance)));
            heart.interrupt();
            if (b.problem() != null) {
                Headers h = new Headers();
                h.put(FaztHeaders.SERVICE_ERROR_CODE, "500");
                h.put(FaztHeaders.SERVICE_ERROR, "handler threw");
                nats.publish(NatsMessage.builder()
                        .subject(m.getReplyTo())
                        .headers(h)
                        .data(MessageCodec.INSTANCE.encode(
                                Problem.of(500, "runtime/handler-error", "Handler error", b.problem())))
                        .build());
                return;
            }
            nats.publish(
                    m.getReplyTo(),
                    MessageCodec.INSTANCE.encode(new InvokeResponse(
                            b.status(),
                            List.of(),
                            ("status " + b.status()).getBytes(StandardCharsets.UTF_8),
                            null,
                            false,
                            instance)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heart.interrupt();
        }
    }

    /** The invocations of one app. */
    List<InvokeRequest> of(String appId) {
        return seen.stream().filter(r -> r.appId().equals(appId)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (nats.getStatus() != Connection.Status.CLOSED) {
            nats.close();
        }
    }
}
