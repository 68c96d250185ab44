package fazt.gateway.invoke;

/** Why an invocation got no answer from the runtime: nobody listens, the instance died mid-way, or time ran out. */
final class InvocationFailure extends RuntimeException {
    enum Kind {
        UNAVAILABLE,
        INSTANCE_LOST,
        TIMEOUT
    }

    private final Kind kind;

    InvocationFailure(Kind kind) {
        super(kind.name(), null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
