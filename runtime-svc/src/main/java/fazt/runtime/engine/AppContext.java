package fazt.runtime.engine;

import fazt.platform.nats.CallFailure;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MailSubjects;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.runtime.bindings.MailBindings;
import fazt.runtime.bindings.StorageBindings;
import fazt.runtime.limits.HostLedger;
import fazt.runtime.limits.MemoryPlan;
import fazt.runtime.modules.AppFiles;
import fazt.runtime.modules.ModuleGlobals;
import fazt.runtime.web.ByteCharge;
import fazt.runtime.web.FetchBudget;
import fazt.runtime.web.FetchCallbacks;
import fazt.runtime.web.FetchException;
import fazt.runtime.web.JsBytes;
import fazt.runtime.web.OutboundRequest;
import fazt.runtime.web.WebBridge;
import fazt.runtime.web.WebGlobals;
import fazt.runtime.web.WebHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One GraalJS context running one app version's code, and the host side of everything that code can reach (the
 * {@link WebHost} of the web globals, the bindings' host call, the event loop). Never shared between apps; used by
 * one invocation at a time, on whichever JS thread drives that invocation. {@link #cancel} may be called from the
 * watchdog thread: it closes the context with cancellation, which stops running JavaScript at once.
 */
final class AppContext implements WebHost, AutoCloseable {
    private static final Source INVOKE_JS = resource("invoke.js");
    private static final Source BINDINGS_JS = resource("bindings.js");
    private static final Source MAIL_JS = resource("mail.js");
    /**
     * GraalJS defines {@code Java} and the Java package globals ({@code Packages}, {@code java}...) even without host
     * access (every use fails), and the shell's {@code arguments}; app code should not see them. The builtins that
     * could bring them back in a new realm ({@code load}, {@code loadWithNewGlobal}) are off in {@link JsEngine}.
     */
    private static final Source HIDE_HOST_GLOBALS = Source.newBuilder(
                    "js",
                    "for (const name of ['Java', 'Graal', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu',"
                            + " 'arguments']) { delete globalThis[name]; }",
                    "fazt:hide-host-globals")
            .internal(true)
            .buildLiteral();

    private final ContextKey key;
    private final long generation;
    private final Context context;
    private final ModuleGlobals modules;
    private final StorageBindings storage;
    private final MailBindings mail;
    private final OutboundFetcher fetcher;
    private final EventLoop loop = new EventLoop();
    private WebBridge bridge;
    private Value invoke;
    private Value makeEnv;
    private Value handler;
    private Map<String, String> envVars;
    private Value env;
    private InvocationScope scope = InvocationScope.SILENT;
    private volatile boolean closed;
    private volatile long lastUsed = System.nanoTime();
    private volatile long retainedEstimate = MemoryPlan.CONTEXT_BYTES;

    AppContext(
            JsEngine engine,
            ContextKey key,
            long generation,
            AppFiles files,
            StorageBindings storage,
            MailBindings mail,
            OutboundFetcher fetcher) {
        this.key = key;
        this.generation = generation;
        this.modules = new ModuleGlobals(files);
        this.storage = storage;
        this.mail = mail;
        this.fetcher = fetcher;
        this.context = engine.newContext(modules);
    }

    /**
     * Installs the globals and bindings and evaluates the app's code (the cold start), on the JS thread. Throws what
     * the code threw, or a {@link PolyglotException} when it exports no handler.
     */
    void load() {
        context.eval(HIDE_HOST_GLOBALS);
        WebGlobals.install(context, this);
        bridge = WebGlobals.bridge(context);
        ProxyExecutable hostCall = this::hostCall;
        Value mailJs = context.eval(MAIL_JS).execute(hostCall, MailSubjects.CHUNK_SIZE);
        invoke = context.eval(INVOKE_JS).execute(mailJs);
        makeEnv = context.eval(BINDINGS_JS).execute(hostCall, mailJs.getMember("MAIL"));
        handler = modules.loadMain(context);
        if (!invoke.invokeMember("hasHandler", handler).asBoolean()) {
            // Thrown from JS so that it carries the entry point as its place, like any other app error.
            context.eval(Source.newBuilder(
                            "js",
                            "throw new TypeError('api/main.js must export a handler object with"
                                    + " a fetch(request, env, ctx) method (export default { fetch } or module.exports = { fetch })');",
                            "api/main.js")
                    .buildLiteral());
        }
    }

    /** Starts serving a new invocation: forgets the last one's timers and resets the statement limit. */
    void begin(InvocationScope invocation) {
        scope = invocation;
        loop.nextEpoch();
        context.resetLimits();
    }

    WebBridge bridge() {
        return bridge;
    }

    EventLoop loop() {
        return loop;
    }

    Value invoke() {
        return invoke;
    }

    Value handler() {
        return handler;
    }

    Value newRequest(String method, String url, List<HttpHeader> headers, InputStream body) {
        return bridge.newRequest(method, url, headers, body);
    }

    /** The handler's {@code env}: the given variables and the bindings; rebuilt only when the variables changed. */
    Value env(Map<String, String> vars) {
        if (env == null || vars != envVars) {
            try {
                env = makeEnv.execute(MessageCodec.INSTANCE.mapper().writeValueAsString(vars));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            envVars = vars;
        }
        return env;
    }

    ContextKey key() {
        return key;
    }

    long generation() {
        return generation;
    }

    long lastUsed() {
        return lastUsed;
    }

    void touch() {
        lastUsed = System.nanoTime();
    }

    /**
     * An upper bound of what this context may retain: a fresh context's size plus everything its invocations
     * allocated. It counts garbage too (a busy, harmless context looks big); it only orders which idle contexts go
     * first under heap pressure, where a wrong guess costs a cold start, never a failed request (ADR 0034).
     */
    long retainedEstimate() {
        return retainedEstimate;
    }

    /** Adds what an invocation allocated in this context. */
    void addAllocated(long bytes) {
        retainedEstimate += Math.max(0, bytes);
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops whatever JavaScript runs now (from any thread); the context is unusable afterwards. */
    void cancel() {
        closed = true;
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // closing a context that is being cancelled can report the cancellation itself; it is closed either way
        }
        loop.wake();
    }

    @Override
    public void close() {
        cancel();
    }

    // --- WebHost: called by the web globals on the context thread ---

    @Override
    public void log(String level, String message) {
        scope.log(level, message);
    }

    @Override
    public long setTimer(long delayMillis, Value callback) {
        return loop.setTimer(delayMillis, callback);
    }

    @Override
    public void clearTimer(long id) {
        loop.clearTimer(id);
    }

    @Override
    public void fetch(OutboundRequest request, Value resolve, Value reject) {
        HostLedger ledger = scope.ledger();
        FetchBudget budget = scope.fetchBudget();
        ledger.startCall(() -> {
            HostLedger.Lease lease = ledger.lease();
            loop.await(fetcher.send(request, budget, charge(lease)), (value, failure) -> {
                try {
                    if (failure == null) {
                        FetchCallbacks.resolve(resolve, value);
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        FetchCallbacks.reject(reject, cause.getMessage() == null ? "fetch failed" : cause.getMessage());
                    }
                } finally {
                    lease.close();
                    ledger.endCall();
                }
            });
        });
    }

    /** The fetch client's view of a lease: a refused charge becomes the fetch's error. */
    private static ByteCharge charge(HostLedger.Lease lease) {
        return (bytes, what) -> {
            try {
                lease.charge(bytes, what);
            } catch (HostLedger.Refused e) {
                throw new FetchException(e.getMessage());
            }
        };
    }

    /**
     * The bindings' host call: {@code (op, argsJson, bytes, resolve, reject)}, see bindings.js and mail.js. A failed
     * {@code mail.*} operation rejects with its message and the problem as JSON, a storage one with its message.
     */
    private Object hostCall(Value... args) {
        String op = args[0].asString();
        String json = args[1].asString();
        byte[] bytes = args[2] == null || args[2].isNull() ? null : JsBytes.toJava(args[2]);
        Value resolve = args[3];
        Value reject = args[4];
        boolean mailOp = op.startsWith("mail.");
        HostLedger ledger = scope.ledger();
        String appName = scope.appName();
        ledger.startCall(() -> {
            HostLedger.Lease lease = ledger.lease();
            var work = mailOp
                    ? mail.call(key.appId(), appName, op, json, bytes).thenApply(reply -> {
                        lease.charge(reply.size(), op);
                        return reply;
                    })
                    : storage.call(key.appId(), op, json, bytes, lease);
            loop.await(work, (reply, failure) -> {
                try {
                    if (failure == null) {
                        resolve.execute(
                                reply.json(), reply.data() == null ? null : JsBytes.toJs(context, reply.data()));
                    } else if (mailOp && !(unwrap(failure) instanceof HostLedger.Refused)) {
                        Problem problem = MailBindings.problemOf(failure);
                        reject.execute(detailOrTitle(problem), MailBindings.problemJson(failure));
                    } else {
                        reject.execute(bindingMessage(failure));
                    }
                } finally {
                    lease.close();
                    ledger.endCall();
                }
            });
        });
        return null;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String bindingMessage(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case HostLedger.Refused r -> r.getMessage();
            case ProblemException p -> detailOrTitle(p.problem());
            case CallFailure.Problem p -> detailOrTitle(p.problem());
            case CallFailure.NoResponders n -> "storage is unavailable";
            case CallFailure.NoAnswer n -> "storage did not answer in time";
            default -> "storage call failed";
        };
    }

    private static String detailOrTitle(Problem problem) {
        return problem.detail() != null ? problem.detail() : problem.title();
    }

    private static Source resource(String name) {
        try (InputStream in = AppContext.class.getResourceAsStream("/fazt/runtime/engine/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "fazt:" + name)
                    .internal(true)
                    .cached(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
