package fazt.platform.service.health;

import fazt.platform.service.ServiceIdentity;
import fazt.proto.health.HealthReport;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs every {@link ReadinessCheck} of the service and sums them up as a {@link HealthReport}. */
@Singleton
public final class Readiness {
    private final ServiceIdentity identity;
    private final List<ReadinessCheck> checks;

    Readiness(ServiceIdentity identity, List<ReadinessCheck> checks) {
        this.identity = identity;
        this.checks = checks;
    }

    public HealthReport report() {
        Map<String, String> results = new LinkedHashMap<>();
        boolean up = true;
        for (ReadinessCheck check : checks) {
            Optional<String> problem = check.problem();
            results.put(
                    check.name(), problem.map(p -> HealthReport.DOWN + ": " + p).orElse(HealthReport.UP));
            up &= problem.isEmpty();
        }
        return new HealthReport(
                identity.name().id(),
                identity.instance(),
                identity.version(),
                up ? HealthReport.UP : HealthReport.DOWN,
                results,
                identity.startedAt());
    }
}
