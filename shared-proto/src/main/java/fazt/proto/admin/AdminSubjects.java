package fazt.proto.admin;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;

/**
 * The admin API: the gateway takes {@code https://admin.<domain>/api/...}, resolves the caller with auth-svc, and
 * forwards an {@link AdminRequest} to {@code svc.<service>.admin} of the service whose route table declares the path
 * ({@link AdminApi}); the service answers an {@link AdminResponse} or an ADR-32 problem. No service serves HTTP itself.
 */
public final class AdminSubjects {
    /** The action token of every service's admin endpoint. */
    public static final String ACTION = "admin";
    /** Largest request or response body carried inline; larger bodies travel as storage blobs. */
    public static final int MAX_INLINE_BODY = 256 * 1024;

    private AdminSubjects() {}

    /** {@code svc.<service>.admin}. */
    public static String of(ServiceName service) {
        return SubjectGrammar.request(service, ACTION);
    }
}
