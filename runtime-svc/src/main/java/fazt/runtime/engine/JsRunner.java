package fazt.runtime.engine;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.InvokeRequest;
import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.invoke.FunctionCall;
import fazt.runtime.invoke.FunctionResult;
import fazt.runtime.invoke.FunctionRunner;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.modules.AppFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;

/**
 * The engine behind the invocation transport: finds the version's code, takes a warm context (or a slot for a cold
 * one) from the pool, runs the {@link Invocation} on a JS thread and waits for its response head.
 */
@Singleton
final class JsRunner implements FunctionRunner {
    private final AppCodeLoader code;
    private final AppEnvCache env;
    private final ContextPool pool;
    private final JsThreads threads;
    private final Invocation.Services services;

    JsRunner(
            RuntimeConfig config,
            AppCodeLoader code,
            AppEnvCache env,
            ContextPool pool,
            ContextFactory factory,
            JsThreads threads,
            Watchdog watchdog,
            AppLog appLog) {
        this.code = code;
        this.env = env;
        this.pool = pool;
        this.threads = threads;
        this.services = new Invocation.Services(config, pool, factory, watchdog, appLog);
    }

    @Override
    public FunctionResult run(FunctionCall call) {
        InvokeRequest request = call.request();
        AppFiles files;
        Map<String, String> vars;
        try {
            files = code.load(request.namespace());
            if (!files.hasMain()) {
                throw new ProblemException(Problem.of(
                        404,
                        "runtime/no-server-code",
                        "No server code",
                        "Version " + request.version() + " of this app has no api/main.js."));
            }
            vars = env.get(request.appId());
        } catch (RuntimeException e) {
            close(call);
            throw e;
        }
        ContextKey key = new ContextKey(request.appId(), request.version(), request.namespace());
        AppContext warm = pool.acquire(key);
        Invocation invocation = new Invocation(services, call, files, key, warm, vars);
        try {
            threads.execute(invocation);
        } catch (RuntimeException e) {
            if (warm != null) {
                pool.release(warm, true);
            } else {
                pool.abandon(key);
            }
            close(call);
            throw new ProblemException(Problem.of(
                    503,
                    "runtime/overloaded",
                    "Runtime overloaded",
                    "The runtime cannot take more work right now; try again shortly."));
        }
        return LocalWait.of(invocation.head(), "the handler");
    }

    private static void close(FunctionCall call) {
        try {
            call.body().close();
        } catch (IOException | RuntimeException ignored) {
            // the body stream is only being released
        }
    }
}
