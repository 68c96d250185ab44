package fazt.platform.nats;

/** Header names fazt sets on NATS messages, besides ADR-32's own error headers. */
public final class FaztHeaders {
    /** The {@link fazt.proto.MessageType} id of the body. */
    public static final String TYPE = "Fazt-Type";
    /** W3C trace context, copied into the MDC on receipt so one request can be followed across services. */
    public static final String TRACEPARENT = "traceparent";
    /** JetStream de-duplication id; fazt sets it to the event id. */
    public static final String MSG_ID = "Nats-Msg-Id";
    /** ADR-32: the error status of a failed request (HTTP-like code). */
    public static final String SERVICE_ERROR_CODE = "Nats-Service-Error-Code";
    /** ADR-32: the error text of a failed request. */
    public static final String SERVICE_ERROR = "Nats-Service-Error";

    /**
     * On admin requests the gateway forwards: the caller's IP address as the gateway saw it (login rate limiting).
     * Set only by the gateway; services never trust an HTTP header for it.
     */
    public static final String CLIENT_IP = "Fazt-Client-Ip";
    /**
     * On admin requests the gateway forwards: the admin origin the caller used ({@code https://admin.example.com}),
     * for links and token strings that must point back at this server.
     */
    public static final String ADMIN_ORIGIN = "Fazt-Admin-Origin";
    /** On a dead letter (ADR 25): the subject the message was published on. */
    public static final String DEAD_LETTER_SUBJECT = "Fazt-Dead-Letter-Subject";
    /** On a dead letter: the stream and its sequence of the message, {@code <stream>:<sequence>}. */
    public static final String DEAD_LETTER_SOURCE = "Fazt-Dead-Letter-Source";
    /** On a dead letter: the consumer that gave up on it. */
    public static final String DEAD_LETTER_CONSUMER = "Fazt-Dead-Letter-Consumer";
    /** On a dead letter: how often it was delivered. */
    public static final String DEAD_LETTER_DELIVERIES = "Fazt-Dead-Letter-Deliveries";
    /** On a dead letter: the last failure, its exception class and message (at most 512 characters). */
    public static final String DEAD_LETTER_ERROR = "Fazt-Dead-Letter-Error";

    private FaztHeaders() {}
}
