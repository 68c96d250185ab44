package fazt.runtime.limits;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide backstop of ADR 0010 and ADR 0034: when a heap pool is still above {@code fraction} of its maximum
 * right after a garbage collection (a collection-usage threshold, so garbage alone never triggers it), the runtime
 * first drops idle warm contexts, the app with the most estimated retained memory first, until their estimates cover
 * the excess; only when no context is idle does it cancel the running invocation holding the most attributable memory
 * (JavaScript allocation plus host-side bytes), and only one holding at least a quarter of the budget: cancelling a
 * small one would fail an innocent request and free next to nothing. Each later collection that still ends above the
 * line repeats this, so idle memory always goes before anything running, and small invocations never pay.
 */
public final class MemoryPressure implements AutoCloseable {
    /** Share of a heap pool's maximum above which the biggest allocator is cancelled. */
    public static final double DEFAULT_FRACTION = 0.85;

    private static final Logger log = LoggerFactory.getLogger(MemoryPressure.class);
    private final NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
    private final NotificationListener listener;
    private final List<String> watchedPools = new ArrayList<>();

    private final Watchdog watchdog;
    private final IdleContexts idle;
    private final long minimumToCancel;

    /**
     * @param minimumToCancel the least attributable memory an invocation must hold to be cancelled (a quarter of the
     *     budget): below it, cancelling frees next to nothing and fails an innocent request, so nothing is cancelled
     */
    public MemoryPressure(Watchdog watchdog, IdleContexts idle, double fraction, long minimumToCancel) {
        this.watchdog = watchdog;
        this.idle = idle;
        this.minimumToCancel = minimumToCancel;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * fraction));
                watchedPools.add(pool.getName());
            }
        }
        listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                MemoryNotificationInfo info = MemoryNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long excess =
                        info.getUsage().getUsed() - (long) (info.getUsage().getMax() * fraction);
                relieve(Math.max(excess, 0));
            }
        };
        emitter.addNotificationListener(listener, null, null);
    }

    /**
     * What happens when the heap is low after a collection: drops idle contexts (biggest app first) whose estimates
     * cover {@code excessBytes}, or, with none idle, cancels the invocation holding the most. Public for tests.
     */
    public Outcome relieve(long excessBytes) {
        int dropped = idle.dropBiggestIdle(excessBytes);
        if (dropped > 0) {
            log.warn("heap low after collection, dropped idle contexts count={} excess={}", dropped, excessBytes);
            return Outcome.DROPPED_IDLE;
        }
        return watchdog.cancelBiggest(minimumToCancel)
                .map(guard -> {
                    log.warn(
                            "heap low after collection, cancelled the biggest invocation attributable={}",
                            guard.attributable());
                    return Outcome.CANCELLED;
                })
                .orElseGet(() -> {
                    log.warn(
                            "heap low after collection, nothing idle and no invocation holds {} bytes; none cancelled",
                            minimumToCancel);
                    return Outcome.NOTHING;
                });
    }

    /** What {@link #relieve} did. */
    public enum Outcome {
        DROPPED_IDLE,
        CANCELLED,
        NOTHING
    }

    /** The heap pools watched (for the startup log and tests). */
    public List<String> watchedPools() {
        return List.copyOf(watchedPools);
    }

    @Override
    public void close() {
        try {
            emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // already gone
        }
    }
}
