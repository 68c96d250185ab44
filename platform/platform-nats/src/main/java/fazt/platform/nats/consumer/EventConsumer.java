package fazt.platform.nats.consumer;

/**
 * A service's consumer of events from a JetStream stream (another service's {@code evt.*} stream, usually), durable
 * or broadcast as its {@link #spec()} says. The one way a service follows events: a bean implementing this; the
 * service's context starts it when the service has started and stops it on shutdown (ADR 25).
 * <pre>{@code
 * @Singleton
 * final class AppDeletions implements EventConsumer<AppChanged> {
 *     public ConsumerSpec<AppChanged> spec() {
 *         return ConsumerSpec.durable("storage-app-purge", ServiceName.DEPLOY,
 *                 DeploySubjects.appEvent(AppChanged.Change.DELETED), AppChanged.class);
 *     }
 *     public void handle(AppChanged event) {
 *         purge.purge(new AppId(event.appId()));
 *     }
 * }
 * }</pre>
 * A message is acknowledged after {@link #handle} returns. If it throws, the message comes again after the spec's
 * backoff, up to its deliveries; then it is dead-lettered. Handlers must be idempotent: a message may come twice (an
 * instance that dies before its ack, a migrated consumer). A message that cannot be decoded is dead-lettered at once.
 */
public interface EventConsumer<T> {
    /** Where the events come from and how they are delivered. Called once, at start. */
    ConsumerSpec<T> spec();

    /** Handles one event; throwing means "not handled, deliver it again later". Plain blocking code. */
    void handle(T event) throws Exception;

    /**
     * Handles one event published on {@code subject} (with the root); the consumer calls this one, which by default
     * calls {@link #handle(Object)}. Override it when the subject tells events of one type apart.
     */
    default void handle(String subject, T event) throws Exception {
        handle(event);
    }

    /**
     * Runs once the consumer exists and before the first event is handled: the place for a full re-sync that covers
     * everything before the consumer's start. Throwing retries it (with the consumer) after a pause.
     */
    default void ready() throws Exception {}

    /** Told about a message that could not be decoded (it is dead-lettered), e.g. to drop a whole cache. */
    default void unreadable(String subject) {}
}
