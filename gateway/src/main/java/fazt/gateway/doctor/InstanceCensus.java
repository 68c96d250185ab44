package fazt.gateway.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.ServiceEndpoints;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.NatsRoles;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.doctor.SelfCheckRequest;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every instance of every service, as NATS sees them: the self-check answers of each instance
 * ({@code svc.<service>.selfcheck} has no queue group, so every instance answers) and the ADR-32 {@code $SRV.PING}
 * answers of this installation's subject root, both collected for {@link DoctorSubjects#TIMEOUT}. An instance on the
 * ping list without a self-check answer is alive on NATS but stuck.
 */
final class InstanceCensus {
    /** One self-check answer, with when the question left and the answer arrived on the gateway's clock. */
    record Answer(SelfCheckReport report, Instant sentAt, Instant receivedAt) {}

    /** One instance on {@code $SRV.PING}. */
    record Pinged(ServiceName service, String instance, String version) {}

    /** What was heard: self-check answers by service, and the instances that answered the ping. */
    record Census(Map<ServiceName, List<Answer>> answers, List<Pinged> pinged) {
        List<Pinged> pinged(ServiceName service) {
            return pinged.stream().filter(p -> p.service() == service).toList();
        }
    }

    private static final String REPORT_TYPE = MessageCodec.typeId(SelfCheckReport.class);

    private final Connection nats;
    private final SubjectRoot root;
    private final Clock clock;

    InstanceCensus(Connection nats, SubjectRoot root, Clock clock) {
        this.nats = nats;
        this.root = root;
        this.clock = clock;
    }

    Census take() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<ServiceName, Future<List<Answer>>> asked = new EnumMap<>(ServiceName.class);
            for (ServiceName service : ServiceName.values()) {
                asked.put(service, threads.submit(() -> selfChecks(service)));
            }
            Future<List<Pinged>> pinged = threads.submit((Callable<List<Pinged>>) this::ping);
            Map<ServiceName, List<Answer>> answers = new EnumMap<>(ServiceName.class);
            for (var entry : asked.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get());
            }
            return new Census(answers, pinged.get());
        }
    }

    private List<Answer> selfChecks(ServiceName service) throws InterruptedException {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(SelfCheckRequest.class));
        headers.put(FaztHeaders.TRACEPARENT, TraceContext.currentOrStart().header());
        byte[] body = MessageCodec.INSTANCE.encode(new SelfCheckRequest(ServiceName.GATEWAY.id()));
        List<Answer> answers = new ArrayList<>();
        Instant sentAt = clock.instant();
        for (Timed reply : gather(root.qualify(DoctorSubjects.of(service)), headers, body)) {
            Headers answered = reply.message().getHeaders();
            if (answered == null || !REPORT_TYPE.equals(answered.getFirst(FaztHeaders.TYPE))) {
                continue; // an error answer (a problem): the instance shows as not answering
            }
            try {
                answers.add(new Answer(
                        MessageCodec.INSTANCE.decode(reply.message().getData(), SelfCheckReport.class),
                        sentAt,
                        reply.receivedAt()));
            } catch (RuntimeException undecodable) {
                // not a self-check report: counted as no answer
            }
        }
        return answers;
    }

    private List<Pinged> ping() throws InterruptedException {
        List<Pinged> instances = new ArrayList<>();
        for (Timed reply : gather(NatsRoles.DOCTOR_PING, null, new byte[0])) {
            try {
                JsonNode ping =
                        MessageCodec.INSTANCE.mapper().readTree(reply.message().getData());
                JsonNode metadata = ping.path("metadata");
                if (!root.value()
                        .equals(metadata.path(ServiceEndpoints.METADATA_ROOT).asText())) {
                    continue; // another installation on the same NATS account
                }
                ServiceName.fromId(ping.path("name").asText())
                        .ifPresent(service -> instances.add(new Pinged(
                                service,
                                metadata.path(ServiceEndpoints.METADATA_INSTANCE)
                                        .asText(ping.path("id").asText()),
                                ping.path("version").asText())));
            } catch (IOException ignored) {
                // not a ping answer
            }
        }
        return instances;
    }

    private record Timed(Message message, Instant receivedAt) {}

    /** Publishes once and collects every answer until {@link DoctorSubjects#TIMEOUT} has passed. */
    private List<Timed> gather(String subject, Headers headers, byte[] body) throws InterruptedException {
        String inbox = nats.createInbox();
        Subscription replies = nats.subscribe(inbox);
        List<Timed> heard = new ArrayList<>();
        try {
            nats.publish(NatsMessage.builder()
                    .subject(subject)
                    .replyTo(inbox)
                    .headers(headers)
                    .data(body)
                    .build());
            long deadline = System.nanoTime() + DoctorSubjects.TIMEOUT.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Message reply = replies.nextMessage(Duration.ofNanos(left));
                if (reply == null) {
                    break;
                }
                if (!reply.isStatusMessage()) {
                    heard.add(new Timed(reply, clock.instant()));
                }
            }
        } finally {
            replies.unsubscribe();
        }
        return heard;
    }
}
