package fazt.platform.loop;

/**
 * A service's background work: a bean that starts its {@link BackgroundLoop} when the service has started and hands
 * it back, so the service's context stops it on shutdown. The one way a service runs a loop of its own:
 * <pre>{@code
 * @Singleton
 * final class TickLoop implements BackgroundWork {
 *     public BackgroundLoop start() {
 *         return BackgroundLoop.every("scheduler-tick", TICK, this::tick);
 *     }
 * }
 * }</pre>
 */
public interface BackgroundWork {
    /** Starts the loop; called once, after every bean of the service is ready. */
    BackgroundLoop start();
}
