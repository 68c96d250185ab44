package fazt.gateway.invoke;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeSubjects;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a request lost with its runtime instance visible where the app's author looks (ADR 0035): one
 * {@link AppLogLine} in the app's log and one {@link InvocationRecord} (status 503, error starting with the problem
 * type) in its requests and metrics, published like the runtime publishes them (ADR 0012), since the instance that
 * would have written them is gone; plus the gateway's own log line and the counter
 * {@code fazt.gateway.function.lost} (tag {@code cause}: {@code likely} when the request was running when the
 * instance died, {@code bystander} when it had not started there yet).
 */
@Singleton
final class LostRequestLog {
    static final String TYPE = "gateway/runtime-instance-lost";

    private static final Logger log = LoggerFactory.getLogger(LostRequestLog.class);

    private final Connection nats;
    private final BootstrapSettings settings;
    private final Counter likely;
    private final Counter bystander;

    LostRequestLog(Connection nats, BootstrapSettings settings, MeterRegistry metrics) {
        this.nats = nats;
        this.settings = settings;
        this.likely = Counter.builder("fazt.gateway.function.lost")
                .description("function requests whose runtime instance died while they were in flight")
                .tag("type", TYPE)
                .tag("cause", "likely")
                .register(metrics);
        this.bystander = Counter.builder("fazt.gateway.function.lost")
                .description("function requests whose runtime instance died while they were in flight")
                .tag("type", TYPE)
                .tag("cause", "bystander")
                .register(metrics);
    }

    /** Records request {@code requestId} of app {@code appId}, lost on {@code failure}'s instance. */
    void lost(
            String appId,
            String appName,
            String requestId,
            String method,
            String path,
            InvocationFailure failure,
            boolean likelyCause,
            boolean retried,
            long startedNanos) {
        String instance = failure.instance() == null ? "unknown" : failure.instance();
        (likelyCause ? likely : bystander).increment();
        String outcome = likelyCause
                ? "it was running there, so it is not sent to another instance and " + path + " is not run for "
                        + PoisonGuard.COOL_DOWN.toSeconds() + " s"
                : retried ? "it had not started there; sent once to another instance" : "it had not started there";
        String message = TYPE + ": the runtime instance " + instance + " running " + method + " " + path
                + " stopped (it may have run out of memory); " + outcome;
        log.warn(
                "function request lost with its runtime instance requestId={} app={} instance={} beats={} likelyCause={}"
                        + " retried={}",
                requestId,
                appName,
                instance,
                failure.beats(),
                likelyCause,
                retried);
        if (retried) {
            return; // the attempt on the other instance writes the record
        }
        publish(
                RuntimeSubjects.appLog(appId),
                new AppLogLine(appId, Instant.now(), "error", message, requestId, instance));
        publish(
                RuntimeSubjects.invocations(appId),
                new InvocationRecord(
                        appId,
                        requestId,
                        Instant.now().minusNanos(System.nanoTime() - startedNanos),
                        "http",
                        method,
                        path,
                        503,
                        (System.nanoTime() - startedNanos) / 1_000_000,
                        false,
                        instance,
                        message));
    }

    private void publish(String subject, Object record) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(record.getClass()));
        try {
            nats.publish(NatsMessage.builder()
                    .subject(settings.root().qualify(subject))
                    .headers(headers)
                    .data(MessageCodec.INSTANCE.encode(record))
                    .build());
        } catch (RuntimeException e) {
            log.warn("lost request record not published reason={}", e.getClass().getSimpleName());
        }
    }
}
