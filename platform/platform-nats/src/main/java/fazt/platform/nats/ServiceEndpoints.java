package fazt.platform.nats;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.nats.client.Connection;
import io.nats.service.Endpoint;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ADR-32 service of one fazt service instance: its endpoints in the queue group named after the service, so
 * N copies share the load, and {@code $SRV.PING|INFO|STATS} (and {@code nats micro ls}) list every instance.
 * The ADR-32 name is the service id ({@code deploy}); the metadata carries the subject root and instance, because
 * {@code $SRV.*} subjects are global while fazt subjects are per root.
 */
public final class ServiceEndpoints implements AutoCloseable {
    /** ADR-32 metadata key holding the subject root of the instance. */
    public static final String METADATA_ROOT = "fazt.root";
    /** ADR-32 metadata key holding the fazt instance id. */
    public static final String METADATA_INSTANCE = "fazt.instance";
    /** How long {@link #close()} waits for in-flight requests while draining. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration SUBSCRIPTION_FLUSH = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ServiceEndpoints.class);
    private static final String MDC_SUBJECT = "subject";
    private static final String MDC_SERVICE = "service";

    // Business code runs on virtual threads, never on the dispatcher thread that delivered the message.
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private Service service;

    private ServiceEndpoints() {}

    /** Registers {@code endpoints} for {@code name} and starts answering. */
    public static ServiceEndpoints start(
            Connection nats,
            SubjectRoot root,
            ServiceName name,
            String version,
            String instance,
            Collection<? extends RequestEndpoint> endpoints) {
        return start(nats, root, name, version, instance, endpoints, new RequestMeters(new CompositeMeterRegistry()));
    }

    /** Registers {@code endpoints} for {@code name}, times every request into {@code meters}, and starts answering. */
    public static ServiceEndpoints start(
            Connection nats,
            SubjectRoot root,
            ServiceName name,
            String version,
            String instance,
            Collection<? extends RequestEndpoint> endpoints,
            RequestMeters meters) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(METADATA_ROOT, root.value());
        metadata.put(METADATA_INSTANCE, instance);
        var builder = Service.builder()
                .connection(nats)
                .name(name.id())
                .version(version)
                .description("fazt " + name.id() + " service")
                .metadata(metadata)
                .drainTimeout(DRAIN_TIMEOUT);
        ServiceEndpoints self = new ServiceEndpoints();
        for (RequestEndpoint endpoint : endpoints) {
            String endpointName = endpointName(endpoint.subject());
            Endpoint.Builder declared = Endpoint.builder().name(endpointName).subject(root.qualify(endpoint.subject()));
            if (endpoint.everyInstance()) {
                declared.noQueueGroup();
            } else {
                declared.queueGroup(name.queueGroup());
            }
            builder.addServiceEndpoint(ServiceEndpoint.builder()
                    .endpoint(declared.build())
                    .handler(message -> self.workers.execute(() -> {
                        long start = System.nanoTime();
                        int status = handle(nats, name, endpoint, message);
                        meters.record(endpointName, status, System.nanoTime() - start);
                    }))
                    .build());
        }
        self.service = builder.build();
        self.service.startService();
        awaitSubscriptions(nats);
        log.info("nats service started service={} endpoints={} id={}", name, endpoints.size(), self.service.getId());
        return self;
    }

    /**
     * Subscriptions are sent to the server asynchronously: without this round trip, a caller told that the service has
     * started could still meet "no responders".
     */
    private static void awaitSubscriptions(Connection nats) {
        try {
            nats.flush(SUBSCRIPTION_FLUSH);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "NATS did not confirm the service's subscriptions within " + SUBSCRIPTION_FLUSH.toSeconds() + " s",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the service's subscriptions", e);
        }
    }

    /** Answers one request; returns the status of the answer (200, or the problem's). */
    private static int handle(Connection nats, ServiceName name, RequestEndpoint endpoint, ServiceMessage message) {
        var headers = message.hasHeaders() ? message.getHeaders() : null;
        TraceContext trace = TraceContext.parse(headers == null ? null : headers.getFirst(FaztHeaders.TRACEPARENT))
                .orElseGet(TraceContext::start);
        MDC.put(TraceContext.MDC_TRACE_ID, trace.traceId());
        MDC.put(MDC_SUBJECT, message.getSubject());
        MDC.put(MDC_SERVICE, name.id());
        try {
            Object result = endpoint.handle(new IncomingRequest(message.getSubject(), headers, message.getData()));
            return Replies.reply(nats, message, result);
        } catch (Throwable failure) {
            return Replies.fail(nats, message, failure);
        } finally {
            MDC.remove(TraceContext.MDC_TRACE_ID);
            MDC.remove(MDC_SUBJECT);
            MDC.remove(MDC_SERVICE);
        }
    }

    /** The jnats service id of this instance (as {@code $SRV.PING} reports it). */
    public String id() {
        return service.getId();
    }

    /** Stops taking requests: drains the endpoint subscriptions, then waits briefly for running handlers. */
    @Override
    public void close() {
        service.stop(true);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("handlers still running after drain timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.close();
    }

    /** ADR-32 endpoint names allow letters, digits, '-' and '_': {@code svc.deploy.app.get} → {@code app-get}. */
    static String endpointName(String subject) {
        String[] tokens = subject.split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 2; i < tokens.length; i++) {
            if (!name.isEmpty()) {
                name.append('-');
            }
            name.append(tokens[i]);
        }
        return name.isEmpty() ? subject.replace('.', '-') : name.toString();
    }
}
