package fazt.platform.service.health;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.ServiceIdentity;
import fazt.proto.health.HealthReport;
import fazt.proto.health.HealthSubjects;
import jakarta.inject.Singleton;

/** Answers {@code <root>.svc.<service>.health} with this instance's {@link HealthReport}. */
@Singleton
final class HealthRequestEndpoint implements RequestEndpoint {
    private final ServiceIdentity identity;
    private final Readiness readiness;

    HealthRequestEndpoint(ServiceIdentity identity, Readiness readiness) {
        this.identity = identity;
        this.readiness = readiness;
    }

    @Override
    public String subject() {
        return HealthSubjects.of(identity.name());
    }

    @Override
    public HealthReport handle(IncomingRequest request) {
        return readiness.report();
    }
}
