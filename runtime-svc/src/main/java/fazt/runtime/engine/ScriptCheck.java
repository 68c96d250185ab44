package fazt.runtime.engine;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.limits.Watchdog;
import fazt.runtime.modules.AppFiles;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * The deploy-time check: loads a version's server code in a fresh context (never pooled), evaluates its top level
 * under the short {@code runtime.check-time} limit and the memory budget, and verifies that it exports a handler
 * ({@code fetch}, {@code scheduled} or {@code email}). A version without {@code api/main.js} passes: it has no server
 * code to break.
 */
@Singleton
public final class ScriptCheck {
    private final RuntimeConfig config;
    private final AppCodeLoader code;
    private final ContextFactory factory;
    private final JsThreads threads;
    private final Watchdog watchdog;

    ScriptCheck(
            RuntimeConfig config, AppCodeLoader code, ContextFactory factory, JsThreads threads, Watchdog watchdog) {
        this.config = config;
        this.code = code;
        this.factory = factory;
        this.threads = threads;
        this.watchdog = watchdog;
    }

    /** Checks the version stored in {@code namespace}. */
    public ScriptCheckReply check(String appId, int version, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new ProblemException(
                    Problem.of(400, "runtime/invalid-check", "Invalid check request", "namespace is required"));
        }
        AppFiles files = code.load(namespace);
        if (!files.hasMain()) {
            return ScriptCheckReply.passed();
        }
        CompletableFuture<ScriptCheckReply> reply = new CompletableFuture<>();
        threads.execute(() -> reply.complete(run(appId, version, namespace, files)));
        return LocalWait.of(reply, "the check");
    }

    private ScriptCheckReply run(String appId, int version, String namespace, AppFiles files) {
        AppContext context = factory.create(new ContextKey(appId, version, namespace), -1, files);
        Watchdog.Guard guard =
                watchdog.watch(Thread.currentThread(), config.checkTime(), config.memoryBudget(), context::cancel);
        try {
            context.begin(InvocationScope.SILENT);
            context.load();
            return ScriptCheckReply.passed();
        } catch (RuntimeException e) {
            JsFailure failure = JsFailure.of(
                    e, guard.reason(), config.memoryBudget(), config.checkTime().toMillis());
            String message = failure.kind() == JsFailure.Kind.WALL_TIME
                    ? "top-level evaluation ran longer than "
                            + config.checkTime().toMillis() + " ms"
                    : failure.message();
            return new ScriptCheckReply(
                    false,
                    failure.file() == null ? AppFiles.MAIN : failure.file(),
                    failure.line(),
                    failure.column(),
                    message);
        } finally {
            guard.close();
            context.close();
        }
    }
}
