package fazt.runtime.engine;

import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.modules.ModuleGlobals;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} of the JVM (shared, so parsed and compiled code is cached across contexts) and the
 * recipe for every context created on it. A context is locked down to what app code may do: no host access or
 * class lookup, no threads, no native access, no process creation, no environment, no real file system (only the
 * app's own code through {@link fazt.runtime.modules.ModuleFileSystem}), output discarded (console goes through the
 * web globals' host), the {@link SandboxPolicy#CONSTRAINED} policy on top, and a statement limit.
 */
public final class JsEngine implements AutoCloseable {
    /** {@link HostAccess#NONE} without even the mutable target mappings, as the CONSTRAINED policy demands. */
    private static final HostAccess HOST_ACCESS =
            HostAccess.newBuilder(HostAccess.NONE).allowMutableTargetMappings().build();

    private final Engine engine;
    private final ResourceLimits limits;

    public JsEngine(RuntimeConfig config) {
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        // One limits object for all contexts: GraalJS requires that contexts of one engine agree on it.
        this.limits = ResourceLimits.newBuilder()
                .statementLimit(config.statementLimit(), null)
                .build();
    }

    /** A fresh, locked-down context for one app version's code. */
    public Context newContext(ModuleGlobals modules) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(modules.fileSystem()).build())
                .option("js.esm-eval-returns-exports", "true")
                // No shell builtins: load/loadWithNewGlobal would make a new realm with Java and the package globals
                // again (AppContext deletes them from this one), print writes to the engine's output, Graal is not
                // app API.
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .resourceLimits(limits)
                .build();
    }

    @Override
    public void close() {
        engine.close();
    }
}
