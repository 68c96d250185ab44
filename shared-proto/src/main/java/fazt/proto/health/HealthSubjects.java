package fazt.proto.health;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import java.time.Duration;

/**
 * The health request every service answers: {@code <root>.svc.<service>.health}, body {@link HealthCheckRequest},
 * reply {@link HealthReport}. The gateway asks all seven for {@code /_fazt/health}.
 */
public final class HealthSubjects {
    /** The action token of the health request. */
    public static final String ACTION = "health";
    /** How long a caller waits for a health reply before it calls the service down. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private HealthSubjects() {}

    /** {@code svc.<service>.health}, without the root. */
    public static String of(ServiceName service) {
        return SubjectGrammar.request(service, ACTION);
    }
}
