package fazt.proto.doctor;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import java.time.Duration;

/**
 * The self-check every service instance answers for {@code fazt doctor} (ADR 40): {@code <root>.svc.<service>.selfcheck},
 * body {@link SelfCheckRequest}, reply {@link SelfCheckReport}. Unlike every other request it is answered by every
 * instance (no queue group), so the gateway sees each one and its version, clock and database.
 */
public final class DoctorSubjects {
    /** The action token of the self-check request. */
    public static final String ACTION = "selfcheck";
    /** How long the gateway collects self-check answers; an instance that has not answered by then is a FAIL. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private DoctorSubjects() {}

    /** {@code svc.<service>.selfcheck}, without the root. */
    public static String of(ServiceName service) {
        return SubjectGrammar.request(service, ACTION);
    }
}
