package fazt.platform.nats.consumer;

/**
 * A service's worker on its own work-queue stream ({@code work.<service>.<queue>}): a bean implementing this is started
 * when the service has started and stopped on shutdown, like an {@link EventConsumer}. Up to the spec's
 * {@link ConsumerSpec#inFlight()} messages are handled at once, each on a virtual thread; while one is handled its
 * message is kept from going to another instance by in-progress acks, so a long job is not redelivered, but a job of
 * an instance that died is, after the ack wait.
 */
public interface WorkConsumer<T> {
    /** Where the work comes from, and how many jobs run at once. Called once, at start. */
    ConsumerSpec<T> spec();

    /**
     * Does one job: {@link Outcome#done()} acknowledges it, {@link Outcome#retryAfter} has it delivered again later.
     * Throwing is a failure, retried after the spec's backoff up to its deliveries (unlimited for most queues).
     */
    Outcome handle(T work) throws Exception;
}
