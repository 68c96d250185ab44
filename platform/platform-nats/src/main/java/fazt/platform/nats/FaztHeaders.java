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

    private FaztHeaders() {}
}
