package fazt.gateway.invoke;

/**
 * Why an invocation got no answer from the runtime: nobody listens, the instance died mid-way, or time ran out. A lost
 * instance comes with how many heartbeats it sent for this request and its name (null when it sent none).
 */
final class InvocationFailure extends RuntimeException {
    enum Kind {
        UNAVAILABLE,
        INSTANCE_LOST,
        TIMEOUT
    }

    private final Kind kind;
    private final long beats;
    private final String instance;

    InvocationFailure(Kind kind) {
        this(kind, 0, null);
    }

    InvocationFailure(Kind kind, long beats, String instance) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.beats = beats;
        this.instance = instance;
    }

    Kind kind() {
        return kind;
    }

    /** Heartbeats heard for this request before the instance went silent: it was running it when it died. */
    long beats() {
        return beats;
    }

    /** The instance that beat for this request, as its heartbeats named it; null when none beat. */
    String instance() {
        return instance;
    }
}
