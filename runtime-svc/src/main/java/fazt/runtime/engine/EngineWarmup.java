package fazt.runtime.engine;

import fazt.runtime.modules.AppFiles;
import fazt.runtime.modules.StandardLibrary;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a throwaway app once when the service starts, on a JS thread: the shared engine then holds the parsed web
 * globals, bindings and glue scripts, so the first real cold start pays only for the app's own code. Without it the
 * very first request of a fresh JVM spends seconds parsing the platform's scripts, inside its own wall time.
 *
 * <p>It runs before every other start-up listener, so the service registers its NATS endpoints (and takes
 * invocations) only once the engine is warm: a runtime restarted under load used to take requests at once, and their
 * cold engine allocated past the 20 MB budget (ADR 10); meanwhile the gateway answers 503 with Retry-After (ADR 35).
 */
@Singleton
@Order(-100)
final class EngineWarmup implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(EngineWarmup.class);
    private static final String MAIN = """
            export default { async fetch(request, env) {
              const url = new URL(request.url);
              return Response.json({ path: url.pathname, kv: typeof env.KV, text: await request.text() });
            } };
            """;

    private final ContextFactory factory;
    private final JsThreads threads;

    EngineWarmup(ContextFactory factory, JsThreads threads) {
        this.factory = factory;
        this.threads = threads;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        long started = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        threads.execute(() -> {
            AppFiles files =
                    new AppFiles(Map.of(AppFiles.MAIN, MAIN.getBytes(StandardCharsets.UTF_8)), StandardLibrary.get());
            try (AppContext context = factory.create(new ContextKey("warmup", 0, "warmup"), -1, files)) {
                context.begin(InvocationScope.SILENT);
                context.load();
                context.invoke()
                        .invokeMember(
                                "call",
                                context.handler(),
                                context.newRequest(
                                        "POST",
                                        "https://warmup.invalid/api/x",
                                        List.of(),
                                        new ByteArrayInputStream(new byte[] {'x'})),
                                context.env(Map.of()),
                                (ProxyExecutable) args -> null);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get();
            log.info("js engine warmed up ms={}", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            log.warn("js engine warm-up failed reason={}", e.getClass().getSimpleName());
        }
    }
}
