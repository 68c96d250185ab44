package fazt.runtime.web;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A GraalJS context set up as the engine sets up an app's context (shared Engine, no host access, no class lookup,
 * no IO, no polyglot access) with the web globals installed, and a {@link WebHost} whose timers run on a virtual
 * clock: {@link #run} evaluates an async snippet and drains the timer queue until the snippet's promise settles.
 */
final class JsHarness implements WebHost, AutoCloseable {
    static final Engine ENGINE = Engine.newBuilder("js")
            .option("engine.WarnInterpreterOnly", "false")
            .out(new ByteArrayOutputStream())
            .err(new ByteArrayOutputStream())
            .build();

    final Context context;
    final List<String> logs = new ArrayList<>();
    final List<OutboundRequest> fetches = new ArrayList<>();
    /** Answers fetches: a response, or a String that rejects the fetch with that message. */
    Function<OutboundRequest, Object> fetchHandler = r -> "no fetch handler in this test";

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private long now;

    private record Timer(long due, long id, Value callback) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(id, o.id);
        }
    }

    JsHarness() {
        this("latest");
    }

    JsHarness(String ecmascriptVersion) {
        context = Context.newBuilder("js")
                .engine(ENGINE)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(c -> false)
                .allowIO(IOAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .option("js.ecmascript-version", ecmascriptVersion)
                .build();
        WebGlobals.install(context, this);
    }

    @Override
    public void log(String level, String message) {
        logs.add(level + " " + message);
    }

    @Override
    public long setTimer(long delayMillis, Value callback) {
        long id = ids.incrementAndGet();
        timers.add(new Timer(now + delayMillis, id, callback));
        return id;
    }

    @Override
    public void clearTimer(long id) {
        timers.removeIf(t -> t.id == id);
    }

    @Override
    public void fetch(OutboundRequest request, Value resolve, Value reject) {
        fetches.add(request);
        Object answer = fetchHandler.apply(request);
        // complete later, as the engine does, never from inside the fetch call
        timers.add(new Timer(now, ids.incrementAndGet(), context.asValue((ProxyExecutable) a -> {
            if (answer instanceof OutboundResponse response) {
                FetchCallbacks.resolve(resolve, response);
            } else {
                FetchCallbacks.reject(reject, String.valueOf(answer));
            }
            return null;
        })));
    }

    /** Evaluates {@code body} as the body of an async function; returns its result (strings as is, else JSON). */
    String run(String body) {
        Value promise = context.eval(Source.create("js", "(async () => {\n" + body + "\n})()"));
        String[] outcome = new String[1];
        Value stringify = context.eval(
                "js", "(v) => typeof v === 'string' ? v : v === undefined ? 'undefined' : JSON.stringify(v)");
        Value describe = context.eval("js", "(e) => (e && e.name ? e.name + ': ' + e.message : 'throw ' + String(e))");
        promise.invokeMember(
                "then",
                (ProxyExecutable) a -> outcome[0] = stringify.execute(a[0]).asString(),
                (ProxyExecutable) a -> outcome[0] = "!" + describe.execute(a[0]).asString());
        int steps = 0;
        while (outcome[0] == null && !timers.isEmpty() && steps++ < 100_000) {
            Timer t = timers.poll();
            now = Math.max(now, t.due);
            t.callback.executeVoid();
        }
        if (outcome[0] == null) {
            throw new AssertionError("snippet never settled:\n" + body);
        }
        return outcome[0];
    }

    /** Drains every pending timer (for snippets that schedule work after they settle). */
    void drain() {
        while (!timers.isEmpty()) {
            Timer t = timers.poll();
            now = Math.max(now, t.due);
            t.callback.executeVoid();
        }
    }

    long now() {
        return now;
    }

    Value eval(String js) {
        try {
            return context.eval("js", js);
        } catch (PolyglotException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        context.close(true);
    }
}
