package fazt.platform.nats.consumer;

import java.util.Locale;

/** How the instances of a service share a stream's messages (ADR 25). */
public enum ConsumerKind {
    /**
     * One durable pull consumer shared by every instance of the service: each event is handled once by one of them,
     * in order, and an instance that was down catches up from where the group stopped.
     */
    DURABLE,
    /**
     * An ordered, ephemeral consumer per instance: every instance handles every event published since it started
     * (caches dropping what changed). Nothing is kept for an instance that is gone.
     */
    BROADCAST,
    /**
     * One durable pull consumer on a work-queue stream, shared by every instance, several messages in flight per
     * instance; the handler decides whether the work is done or comes back after a delay.
     */
    WORK_QUEUE;

    /** The value of the meters' {@code kind} tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
