package fazt.runtime.limits;

/** The warm contexts {@link MemoryPressure} may drop before it cancels anything running. */
public interface IdleContexts {
    /**
     * Closes idle contexts, the apps with the most estimated retained memory first, until the estimates of those
     * closed reach {@code wantedBytes} (at least one app's); returns how many were closed (0: none was idle).
     */
    int dropBiggestIdle(long wantedBytes);
}
