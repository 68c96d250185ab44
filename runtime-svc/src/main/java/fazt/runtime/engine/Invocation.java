package fazt.runtime.engine;

import fazt.proto.MessageCodec;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.InvokeRequest;
import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.invoke.FunctionCall;
import fazt.runtime.invoke.FunctionResult;
import fazt.runtime.invoke.ResponseBody;
import fazt.runtime.limits.HostLedger;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.modules.AppFiles;
import fazt.runtime.web.FetchBudget;
import fazt.runtime.web.ResponseHead;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an app's {@code fetch} handler, driven on a JS thread from start to the end of its response body:
 * creates and loads the context if none was warm (cold start), builds the {@code Request}, calls the handler, runs
 * the event loop until its promise settles, hands the response head to the waiting transport, streams the body,
 * waits for {@code ctx.waitUntil} work, then gives the context back and records the invocation. The watchdog stops
 * it at its wall time or memory budget; whatever happens, only this request fails.
 */
final class Invocation implements Runnable, InvocationScope {
    private static final Logger log = LoggerFactory.getLogger(Invocation.class);

    private final Services services;
    private final FunctionCall call;
    private final AppFiles files;
    private final ContextKey key;
    private final Map<String, String> envVars;
    private final CompletableFuture<FunctionResult> head = new CompletableFuture<>();
    private final FetchBudget fetchBudget;
    private final HostLedger ledger;
    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private volatile AppContext context;
    private volatile boolean cancelRequested;
    private int linesLogged;
    private int linesDropped;

    /** The engine parts an invocation uses. */
    record Services(RuntimeConfig config, ContextPool pool, ContextFactory factory, Watchdog watchdog, AppLog appLog) {}

    Invocation(
            Services services,
            FunctionCall call,
            AppFiles files,
            ContextKey key,
            AppContext warm,
            Map<String, String> envVars) {
        this.services = services;
        this.call = call;
        this.files = files;
        this.key = key;
        this.context = warm;
        this.envVars = envVars;
        this.fetchBudget = new FetchBudget(services.config().maxFetches());
        this.ledger = new HostLedger(
                services.config().memoryBudget(), services.config().maxHostCalls());
    }

    /** Completes with the response head (and the body to stream), or fails with the problem for the caller. */
    CompletableFuture<FunctionResult> head() {
        return head;
    }

    @Override
    public void run() {
        RuntimeConfig config = services.config();
        InvokeRequest request = call.request();
        boolean cold = context == null;
        JsFailure failure = null;
        int status = 0;
        StreamingBody streaming = null;
        boolean released = false;
        // The wall time is FAZT_FUNCTION_TIMEOUT_MS, which the gateway also waits for (ADR 23); a request may bring a
        // shorter budget of its own (a scheduled run's timeout), and running past it would only waste the context.
        Duration wallTime = request.timeoutMillis() > 0
                        && request.timeoutMillis() < config.wallTime().toMillis()
                ? Duration.ofMillis(request.timeoutMillis())
                : config.wallTime();
        Watchdog.Guard guard = services.watchdog()
                .watch(Thread.currentThread(), wallTime, config.memoryBudget(), ledger, this::cancel);
        try (InputStream body = call.body()) {
            if (cold) {
                context = services.factory().create(key, services.pool().generation(key.appId()), files);
                if (cancelRequested) {
                    context.cancel();
                }
                context.begin(this);
                context.load();
            } else {
                context.begin(this);
            }
            AppContext app = context;
            boolean hasBody =
                    !"GET".equals(request.method()) && !"HEAD".equals(request.method()) && request.bodyLength() != 0;
            Value jsRequest = app.newRequest(request.method(), request.url(), request.headers(), hasBody ? body : null);
            // ctx.user: the app user the gateway resolved (JSON, parsed and frozen by invoke.js), or null
            String user = request.user() == null
                    ? null
                    : new String(MessageCodec.INSTANCE.encode(request.user()), StandardCharsets.UTF_8);
            Value called = app.invoke()
                    .invokeMember(
                            "call",
                            app.handler(),
                            jsRequest,
                            app.env(envVars),
                            (ProxyExecutable) args -> {
                                logUncaught(args[0]);
                                return null;
                            },
                            request.trigger() == null ? "http" : request.trigger(),
                            user);
            Value response = settle(app, called.getMember("result"), guard);
            ResponseHead responseHead;
            try {
                responseHead = app.bridge().readResponse(response);
            } catch (IllegalArgumentException e) {
                // checked only now, off the path of every good response: a primitive is named by its type
                throw new HandlerError(
                        app.invoke().invokeMember("isObject", response).asBoolean()
                                ? e.getMessage()
                                : "the fetch handler must return a Response, got "
                                        + app.invoke()
                                                .invokeMember("typeName", response)
                                                .asString());
            }
            status = responseHead.status();
            if (responseHead.streaming()) {
                streaming = new StreamingBody(app, responseHead.reader(), jsRequest);
                head.complete(new FunctionResult(status, responseHead.headers(), streaming, cold));
                streaming.pump(() -> guard.reason() != null);
            } else {
                byte[] bytes = responseHead.bytes() == null ? new byte[0] : responseHead.bytes();
                FunctionResult result =
                        new FunctionResult(status, responseHead.headers(), ResponseBody.of(bytes), cold);
                if (called.getMember("waits").getArraySize() == 0) {
                    // Nothing left to run: the context goes back to the pool before the caller hears the answer,
                    // so the next request finds it warm. The guard stops first: it must never cancel a context
                    // another invocation already holds.
                    guard.close();
                    ledger.close();
                    app.addAllocated(guard.allocated());
                    released = true;
                    release(null, null);
                    head.complete(result);
                } else {
                    head.complete(result);
                }
            }
            if (!released) {
                waitUntilSettled(app, called.getMember("waits"), guard);
                if (guard.reason() != null) {
                    throw new IllegalStateException("stopped");
                }
            }
        } catch (Throwable t) {
            failure = t instanceof HandlerError h
                    ? new JsFailure(JsFailure.Kind.ERROR, h.getMessage(), null, 0, 0)
                    : JsFailure.of(t, guard.reason(), config.memoryBudget(), wallTime.toMillis());
            if (failure.kind() == JsFailure.Kind.INTERNAL) {
                log.error("invocation failed appId={} requestId={}", key.appId(), request.requestId(), t);
            }
        } finally {
            guard.close();
            ledger.close();
            AppContext current = context;
            if (!released && current != null) {
                current.addAllocated(guard.allocated());
            }
        }
        if (failure != null) {
            line("error", failure.detail());
            if (!head.isDone()) {
                status = failure.kind().status;
                head.completeExceptionally(failure.toProblem());
            } else if (streaming != null) {
                streaming.fail(failure.detail());
            }
        }
        if (linesDropped > 0) {
            services.appLog()
                    .line(
                            key.appId(),
                            request.requestId(),
                            "warn",
                            linesDropped + " more log lines of this invocation were dropped (limit "
                                    + AppLog.MAX_LINES_PER_INVOCATION + ")");
        }
        if (!released) {
            release(failure, guard.reason());
        }
        record(status, cold, failure);
    }

    private Value settle(AppContext app, Value promise, Watchdog.Guard guard) throws InterruptedException {
        Value[] outcome = new Value[1];
        boolean[] failed = new boolean[1];
        boolean[] done = new boolean[1];
        app.invoke()
                .invokeMember(
                        "settle",
                        promise,
                        (ProxyExecutable) args -> {
                            outcome[0] = args[0];
                            done[0] = true;
                            return null;
                        },
                        (ProxyExecutable) args -> {
                            outcome[0] = args[0];
                            failed[0] = true;
                            done[0] = true;
                            return null;
                        });
        app.loop().runUntil(() -> done[0], () -> guard.reason() != null);
        if (guard.reason() != null) {
            throw new IllegalStateException("stopped");
        }
        if (failed[0]) {
            throw rejection(app, outcome[0]);
        }
        return outcome[0];
    }

    /** Turns a rejection value into what a synchronous throw of it would have been, with its place. */
    private static RuntimeException rejection(AppContext app, Value reason) {
        if (reason != null && reason.isException()) {
            try {
                reason.throwException();
            } catch (PolyglotException e) {
                return e;
            }
        }
        return new HandlerError(app.invoke().invokeMember("describe", reason).asString());
    }

    private void waitUntilSettled(AppContext app, Value waits, Watchdog.Guard guard) throws InterruptedException {
        if (waits.getArraySize() == 0) {
            return;
        }
        boolean[] done = new boolean[1];
        app.invoke().invokeMember("settleAll", waits, (ProxyExecutable) args -> {
            done[0] = true;
            return null;
        });
        try {
            app.loop().runUntil(() -> done[0], () -> guard.reason() != null);
        } catch (EventLoop.Stalled e) {
            line("warn", "ctx.waitUntil: a promise never settled");
        }
    }

    private void logUncaught(Value error) {
        JsFailure failure = JsFailure.of(rejection(context, error), null, 0, 0);
        line("error", "ctx.waitUntil: " + failure.detail());
    }

    private void cancel() {
        cancelRequested = true;
        ledger.close();
        AppContext current = context;
        if (current != null) {
            current.cancel();
        }
    }

    private void release(JsFailure failure, Watchdog.Reason reason) {
        AppContext current = context;
        if (current == null) {
            services.pool().abandon(key);
            return;
        }
        boolean reusable = reason == null && (failure == null || failure.contextReusable()) && !current.isClosed();
        services.pool().release(current, reusable);
    }

    private void record(int status, boolean cold, JsFailure failure) {
        InvokeRequest request = call.request();
        try {
            services.appLog()
                    .invocation(new InvocationRecord(
                            key.appId(),
                            request.requestId(),
                            startedAt,
                            request.trigger(),
                            request.method(),
                            path(request.url()),
                            status,
                            (System.nanoTime() - startedNanos) / 1_000_000,
                            cold,
                            services.appLog().instance(),
                            failure == null ? null : failure.detail()));
        } catch (RuntimeException e) {
            log.warn(
                    "invocation record not published appId={} reason={}",
                    key.appId(),
                    e.getClass().getSimpleName());
        }
    }

    private static String path(String url) {
        try {
            String path = URI.create(url).getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    // --- InvocationScope ---

    @Override
    public void log(String level, String message) {
        line(level, message);
    }

    @Override
    public FetchBudget fetchBudget() {
        return fetchBudget;
    }

    @Override
    public HostLedger ledger() {
        return ledger;
    }

    @Override
    public String appName() {
        return call.request().name();
    }

    private void line(String level, String message) {
        if (linesLogged >= AppLog.MAX_LINES_PER_INVOCATION) {
            linesDropped++;
            return;
        }
        linesLogged++;
        try {
            services.appLog().line(key.appId(), call.request().requestId(), level, message);
        } catch (RuntimeException e) {
            log.warn(
                    "app log line not published appId={} reason={}",
                    key.appId(),
                    e.getClass().getSimpleName());
        }
    }

    /** The handler broke the contract (returned no Response, rejected with a non-error): a 500 with this message. */
    private static final class HandlerError extends RuntimeException {
        HandlerError(String message) {
            super(message, null, false, false);
        }
    }
}
