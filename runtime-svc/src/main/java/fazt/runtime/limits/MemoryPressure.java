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
 * The JVM-wide backstop of ADR 0010: when a heap pool is still above {@code fraction} of its maximum right after a
 * garbage collection (a collection-usage threshold, so garbage alone never triggers it), the invocation that
 * allocated the most is cancelled before the heap runs out for everyone.
 */
public final class MemoryPressure implements AutoCloseable {
    /** Share of a heap pool's maximum above which the biggest allocator is cancelled. */
    public static final double DEFAULT_FRACTION = 0.85;

    private static final Logger log = LoggerFactory.getLogger(MemoryPressure.class);
    private final NotificationEmitter emitter = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
    private final NotificationListener listener;
    private final List<String> watchedPools = new ArrayList<>();

    public MemoryPressure(Watchdog watchdog, double fraction) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * fraction));
                watchedPools.add(pool.getName());
            }
        }
        listener = (notification, handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
                watchdog.cancelBiggest()
                        .ifPresent(guard -> log.warn(
                                "heap low after collection, cancelled the biggest invocation allocated={}",
                                guard.allocated()));
            }
        };
        emitter.addNotificationListener(listener, null, null);
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
