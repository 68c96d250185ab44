package fazt.platform.nats;

/**
 * One request/reply endpoint of a service: a subject under {@code svc.<service>.} (without the root) and the code
 * that answers it. {@link ServiceEndpoints} registers every endpoint with the NATS service API (ADR-32) in the
 * service's queue group and runs {@link #handle} on a virtual thread, so handlers are plain blocking code.
 */
public interface RequestEndpoint {
    /** The subject without the root, e.g. {@code svc.deploy.health}; see {@link fazt.proto.SubjectGrammar}. */
    String subject();

    /**
     * Answers one request. Return the reply record (encoded with {@link fazt.proto.MessageCodec}); throw
     * {@link ProblemException} for an expected failure. Anything else becomes a 500 whose cause is logged once
     * under an error id and never sent.
     */
    Object handle(IncomingRequest request) throws Exception;

    /**
     * Whether every instance answers (no queue group), so a caller collecting replies hears from each one. Only for
     * questions about the instance itself, such as {@code fazt doctor}'s self-check (ADR 40); default false.
     */
    default boolean everyInstance() {
        return false;
    }
}
