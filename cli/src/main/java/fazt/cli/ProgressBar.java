package fazt.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Upload progress on stderr. On a terminal, one line redrawn in place with a bar, the percentage and MB; elsewhere
 * (CI logs, pipes) plain lines: the start, each quarter of a large upload, the end.
 */
final class ProgressBar implements LongConsumer {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Below this size a plain log gets only the start and end lines. */
    private static final long QUARTERS_FROM = 8L << 20;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean live;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastQuarter;
    private boolean finished;

    ProgressBar(PrintWriter err, String label, long total, boolean live) {
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 1);
        this.live = live;
        if (live) {
            draw(0);
        } else {
            err.println(label + ": " + megabytes(total) + " MB");
            err.flush();
        }
    }

    @Override
    public synchronized void accept(long sent) {
        if (finished) {
            return;
        }
        if (live) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS || sent >= total) {
                lastDraw = now;
                draw(sent);
            }
        } else if (total >= QUARTERS_FROM) {
            int quarter = (int) (4 * Math.min(sent, total) / total);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                err.println(label + ": " + quarter * 25 + "% (" + megabytes(sent) + "/" + megabytes(total) + " MB)");
                err.flush();
            }
        }
    }

    /** Ends the line: the upload is through and the server is done with it. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        double seconds = (System.nanoTime() - started) / 1e9;
        String done = String.format(Locale.ROOT, "%s: %s MB in %.1fs", label, megabytes(total), seconds);
        err.print(live ? "\r" + done + "\033[K\n" : done + "\n");
        err.flush();
    }

    /** Leaves the terminal on a fresh line when the upload failed. */
    synchronized void abandon() {
        if (!finished && live) {
            err.println();
            err.flush();
        }
        finished = true;
    }

    private void draw(long sent) {
        long clamped = Math.min(sent, total);
        int percent = (int) (100 * clamped / total);
        int filled = (int) (WIDTH * clamped / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        // \r and erase-to-end-of-line redraw the same line; there is no other cursor control to go wrong.
        err.print("\r" + label + " [" + bar + "] " + String.format(Locale.ROOT, "%3d%%", percent) + "  "
                + megabytes(clamped) + "/" + megabytes(total) + " MB\033[K");
        err.flush();
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
