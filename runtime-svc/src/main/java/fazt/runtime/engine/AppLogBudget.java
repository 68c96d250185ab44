package fazt.runtime.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much each app may log per minute on this instance, so that one app's flood cannot push other apps' lines out
 * of the log stream's shared byte budget. Fixed one-minute windows per app: lines within {@link #BYTES_PER_MINUTE}
 * (each counted as its characters plus {@link #LINE_OVERHEAD}) are kept, the rest dropped; the first drop of a
 * window is announced, and the next line after the window ends is preceded by the count of lines dropped.
 */
final class AppLogBudget {
    /** Log bytes one app may publish per minute on one instance. */
    static final long BYTES_PER_MINUTE = 1024 * 1024;
    /** What a line costs beside its text: the record's other fields and the stream's own overhead. */
    static final int LINE_OVERHEAD = 256;

    static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * What to do with one line.
     *
     * @param keep          publish the line
     * @param droppedBefore lines dropped in the app's previous window, to report before this line (0: none)
     * @param firstDrop     this is the first line dropped in the window: say that lines are being dropped
     * @param windowEnd     when the current window ends (dropping stops)
     */
    record Admission(boolean keep, long droppedBefore, boolean firstDrop, Instant windowEnd) {}

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    AppLogBudget(Clock clock) {
        this.clock = clock;
    }

    /** Charges a line of {@code chars} characters to the app's current window. */
    Admission admit(String appId, int chars) {
        Window window = windows.computeIfAbsent(appId, id -> new Window());
        synchronized (window) {
            Instant now = clock.instant();
            long droppedBefore = 0;
            if (window.end == null || !now.isBefore(window.end)) {
                droppedBefore = window.dropped;
                window.end = now.plus(WINDOW);
                window.bytes = 0;
                window.dropped = 0;
            }
            long cost = (long) chars + LINE_OVERHEAD;
            if (window.bytes + cost <= BYTES_PER_MINUTE) {
                window.bytes += cost;
                return new Admission(true, droppedBefore, false, window.end);
            }
            window.dropped++;
            return new Admission(false, droppedBefore, window.dropped == 1, window.end);
        }
    }

    private static final class Window {
        Instant end;
        long bytes;
        long dropped;
    }
}
