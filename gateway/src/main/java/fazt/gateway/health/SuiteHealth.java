package fazt.gateway.health;

import fazt.platform.nats.NatsRequester;
import fazt.proto.ServiceName;
import fazt.proto.health.HealthCheckRequest;
import fazt.proto.health.HealthReport;
import fazt.proto.health.HealthSubjects;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The state of the whole suite as the gateway sees it over NATS: it asks every service for its health in parallel
 * ({@code <root>.svc.<service>.health}, answered by one instance of each queue group) and calls a service DOWN
 * when it answers so, when nobody answers, or when the answer is late.
 */
@Singleton
public final class SuiteHealth {
    private final NatsRequester requester;

    SuiteHealth(NatsRequester requester) {
        this.requester = requester;
    }

    /** The suite's state: UP only when every service is. */
    public record Report(String status, List<ServiceState> services) {
        public boolean up() {
            return HealthReport.UP.equals(status);
        }

        /** What anyone may see: UP or DOWN per service, without instances, versions, checks or reasons. */
        public Report summary() {
            return new Report(
                    status,
                    services.stream()
                            .map(s -> new ServiceState(s.name(), s.status(), null, null, null, null))
                            .toList());
        }
    }

    /** One service's state, with the instance that answered and its checks, or the reason it is DOWN. */
    public record ServiceState(
            String name, String status, String instance, String version, Map<String, String> checks, String reason) {}

    public CompletableFuture<Report> check() {
        List<CompletableFuture<ServiceState>> asks =
                Arrays.stream(ServiceName.values()).map(this::ask).toList();
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ServiceState> states = new ArrayList<>();
            asks.forEach(a -> states.add(a.join()));
            boolean up = states.stream().allMatch(s -> HealthReport.UP.equals(s.status()));
            return new Report(up ? HealthReport.UP : HealthReport.DOWN, states);
        });
    }

    private CompletableFuture<ServiceState> ask(ServiceName service) {
        return requester
                .request(
                        HealthSubjects.of(service),
                        new HealthCheckRequest(ServiceName.GATEWAY.id()),
                        HealthReport.class,
                        HealthSubjects.TIMEOUT)
                .thenApply(r -> new ServiceState(service.id(), r.status(), r.instance(), r.version(), r.checks(), null))
                .exceptionally(e -> new ServiceState(service.id(), HealthReport.DOWN, null, null, null, reason(e)));
    }

    private static String reason(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof NatsRequester.NoResponderException) {
            return "no instance is running";
        }
        if (cause instanceof TimeoutException) {
            return "no answer within " + HealthSubjects.TIMEOUT.toSeconds() + "s";
        }
        return "health request failed";
    }
}
