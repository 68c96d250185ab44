package fazt.runtime.engine;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.modules.ModuleSources;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * What went wrong in app code, as the author needs to see it: the JavaScript message and where it happened
 * ({@code api/main.js:3:14}), or which limit stopped it. Turns into the problem the caller gets and the line the
 * app log shows. Host-side failures (a bug of ours) never reach the author with their Java message.
 */
public record JsFailure(Kind kind, String message, String file, int line, int column) {
    /** What kind of failure. */
    public enum Kind {
        /** The code threw, or did not parse. */
        ERROR(500, "runtime/script-error", "Script error"),
        /** It ran past its wall time. */
        WALL_TIME(504, "runtime/timeout", "Script timed out"),
        /** It allocated more than its memory budget, or was the biggest allocator while the heap ran low. */
        MEMORY(500, "runtime/memory-limit", "Script memory limit exceeded"),
        /** It executed more statements than allowed. */
        STATEMENTS(500, "runtime/statement-limit", "Script statement limit exceeded"),
        /** Its promise could never settle. */
        STALLED(500, "runtime/never-settled", "Script never answered"),
        /** Something failed in the runtime itself. */
        INTERNAL(500, "runtime/internal-error", "Internal error");

        final int status;
        final String type;
        final String title;

        Kind(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }
    }

    /** {@code message (file:line:column)} or just the message when the place is unknown. */
    public String detail() {
        return file == null ? message : message + " (" + location() + ")";
    }

    /** {@code file:line:column}, or null. */
    public String location() {
        return file == null ? null : file + ":" + line + ":" + column;
    }

    /** Whether the context that produced it may serve again (a thrown error leaves it usable; a stop does not). */
    public boolean contextReusable() {
        return kind == Kind.ERROR || kind == Kind.STALLED;
    }

    public ProblemException toProblem() {
        return new ProblemException(Problem.of(kind.status, kind.type, kind.title, detail()));
    }

    /** Classifies a failure; {@code reason} is what the watchdog saw (null if it did not fire). */
    public static JsFailure of(Throwable failure, Watchdog.Reason reason, long memoryBudget, long wallMillis) {
        if (reason != null) {
            return switch (reason) {
                case WALL_TIME ->
                    new JsFailure(
                            Kind.WALL_TIME,
                            "the script ran longer than its wall time of " + wallMillis + " ms and was stopped",
                            null,
                            0,
                            0);
                case MEMORY ->
                    new JsFailure(
                            Kind.MEMORY,
                            "the script allocated more than its memory budget of " + (memoryBudget >> 20)
                                    + " MB (heap it allocated plus bytes its host calls held) and was stopped",
                            null,
                            0,
                            0);
                case HEAP_LOW ->
                    new JsFailure(
                            Kind.MEMORY,
                            "the runtime ran low on memory and stopped the script" + " using the most",
                            null,
                            0,
                            0);
            };
        }
        if (failure instanceof EventLoop.Stalled stalled) {
            return new JsFailure(Kind.STALLED, stalled.getMessage(), null, 0, 0);
        }
        if (failure instanceof PolyglotException e) {
            if (e.isResourceExhausted()) {
                // GraalJS reports both its statement limit and a heap exhausted by one huge allocation this way.
                return e.getMessage() != null && e.getMessage().startsWith("Statement count limit")
                        ? new JsFailure(
                                Kind.STATEMENTS,
                                "the script executed more statements than allowed and was" + " stopped",
                                null,
                                0,
                                0)
                        : new JsFailure(Kind.MEMORY, "the script ran out of memory and was stopped", null, 0, 0);
            }
            if (e.isCancelled() || e.isInterrupted()) {
                return new JsFailure(Kind.WALL_TIME, "the script was stopped", null, 0, 0);
            }
            if (e.isGuestException() || e.isSyntaxError()) {
                return located(e);
            }
        }
        return new JsFailure(Kind.INTERNAL, "internal error", null, 0, 0);
    }

    private static JsFailure located(PolyglotException e) {
        String message = e.getMessage() == null ? "Error" : e.getMessage();
        SourceSection place = e.isSyntaxError() ? e.getSourceLocation() : null;
        if (place == null) {
            for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
                SourceSection section = frame.getSourceLocation();
                if (frame.isGuestFrame()
                        && section != null
                        && !section.getSource().isInternal()) {
                    place = section;
                    break;
                }
            }
        }
        if (place == null && e.getSourceLocation() != null) {
            place = e.getSourceLocation();
        }
        if (place == null || place.getSource() == null) {
            return new JsFailure(Kind.ERROR, message, null, 0, 0);
        }
        String path = place.getSource().getPath();
        String file =
                path != null ? ModuleSources.display(path) : place.getSource().getName();
        int line = place.hasLines() ? place.getStartLine() : 0;
        int column = place.hasColumns() ? place.getStartColumn() : 0;
        return new JsFailure(Kind.ERROR, message, file, line, column);
    }
}
