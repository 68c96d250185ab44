package fazt.platform.nats.consumer;

import java.time.Duration;

/** A started consumer (see {@link Consumers}); stopped once, when its service stops. */
public interface RunningConsumer {
    /** The spec's name. */
    String name();

    /**
     * Stops taking messages and waits at most {@code timeout} for those being handled. A message whose handler has not
     * finished by then is not acknowledged and comes again (to another instance) after the ack wait. Returns whether
     * everything finished in time.
     */
    boolean stop(Duration timeout);
}
