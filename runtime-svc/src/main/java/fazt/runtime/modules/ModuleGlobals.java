package fazt.runtime.modules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Loads an app's entry point into a context, whatever its module system: an ES module through GraalJS's loader (on
 * {@link ModuleFileSystem}), a CommonJS file through {@code require.js} (Node's semantics, host functions below).
 * Compiled {@link Source}s are cached per app version (and once per JVM for the standard library), so every context
 * of the shared engine reuses their parsed code.
 */
public final class ModuleGlobals {
    private static final Source REQUIRE_JS = resource("require.js");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, Source> STDLIB_SOURCES = new ConcurrentHashMap<>();

    private final AppFiles files;
    private final ModuleResolver resolver;
    private final Map<String, Source> appSources = new ConcurrentHashMap<>();
    /**
     * Where the ES wrappers of CommonJS files import the loader from: a module only the file system serves, at a path
     * with a random part per context, so app code can neither guess it nor find the loader on its global scope.
     */
    private final String loaderPath;

    private Value makeRequire;

    public ModuleGlobals(AppFiles files) {
        this.files = files;
        this.resolver = new ModuleResolver(files);
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        this.loaderPath = "/fazt-loader-" + HexFormat.of().formatHex(secret) + ".mjs";
    }

    public AppFiles files() {
        return files;
    }

    public ModuleResolver resolver() {
        return resolver;
    }

    /** The file system to give the context's builder. */
    public ModuleFileSystem fileSystem() {
        return new ModuleFileSystem(files, resolver, loaderPath);
    }

    /**
     * Installs {@code require} into the context and evaluates the entry point, returning what it exports: an ES
     * module's {@code default} export (or its namespace when it has none), or a CommonJS module's {@code module.exports}
     * (its {@code default} when it is a transpiled ES module). Errors thrown by the code propagate as they are.
     */
    public Value loadMain(Context context) {
        String main = AppFiles.mainPath();
        if (resolver.isEsm(main)) {
            Value namespace = importNamespace(context, main);
            Value fallback = namespace;
            Value defaultExport = namespace.getMember("default");
            return defaultExport != null && !defaultExport.isNull() ? defaultExport : fallback;
        }
        Value exports = install(context).execute("/app/api").execute("./main.js");
        if (exports.hasMember("__esModule")
                && exports.getMember("__esModule").isBoolean()
                && exports.getMember("__esModule").asBoolean()
                && exports.hasMember("default")) {
            return exports.getMember("default");
        }
        return exports;
    }

    /**
     * Installs the CommonJS loader (once per context) and hands its absolute loader to the loader module the ES
     * wrappers import; returns {@code makeRequire(dir)}.
     */
    public Value install(Context context) {
        if (makeRequire != null) {
            return makeRequire;
        }
        Value factory = context.eval(REQUIRE_JS);
        ProxyExecutable resolve =
                args -> resolver.resolve(args[0].asString(), args[1].asString(), ModuleResolver.Mode.REQUIRE)
                        .orElse(null);
        ProxyExecutable kind = args -> {
            String path = args[0].asString();
            return path.endsWith(".json") ? "json" : resolver.isEsm(path) ? "esm" : "cjs";
        };
        ProxyExecutable text = args -> new String(read(args[0].asString()), StandardCharsets.UTF_8);
        ProxyExecutable compile = args -> context.eval(commonJsSource(args[0].asString()));
        ProxyExecutable importEsm = args -> importNamespace(context, args[0].asString());
        Value loader = factory.execute(resolve, kind, text, compile, importEsm);
        makeRequire = loader.getMember("makeRequire");
        Source entry = Source.newBuilder(
                        "js",
                        "import * as l from " + CommonJsExports.jsString(loaderPath) + ";\nexport default l;\n",
                        "fazt:loader")
                .mimeType("application/javascript+module")
                .internal(true)
                .buildLiteral();
        context.eval(entry).getMember("default").invokeMember("install", loader.getMember("requireAbsolute"));
        return makeRequire;
    }

    private Value importNamespace(Context context, String path) {
        // GraalJS returns the namespace of a module evaluated as a Source (js.esm-eval-returns-exports); a tiny entry
        // module imports the file by path so the loader resolves and caches it like any other import.
        String entry = "import * as m from " + CommonJsExports.jsString(path) + ";\nexport default m;\n";
        Source source = Source.newBuilder("js", entry, "import:" + ModuleSources.display(path))
                .mimeType("application/javascript+module")
                .buildLiteral();
        install(context);
        return context.eval(source).getMember("default");
    }

    private Source commonJsSource(String path) {
        Map<String, Source> cache = path.startsWith(ModuleSources.STDLIB_ROOT) ? STDLIB_SOURCES : appSources;
        return cache.computeIfAbsent(path, p -> {
            String code = new String(read(p), StandardCharsets.UTF_8);
            if (code.startsWith("#!")) {
                code = "//" + code;
            }
            // The wrapper opens on the file's first line, so line numbers in errors are the file's own.
            String wrapped = "(function (exports, require, module, __filename, __dirname) {" + code + "\n})";
            return Source.newBuilder("js", wrapped, ModuleSources.display(p))
                    .cached(true)
                    .buildLiteral();
        });
    }

    private byte[] read(String path) {
        return files.read(path).orElseThrow(() -> new IllegalStateException("resolved file vanished: " + path));
    }

    private static Source resource(String name) {
        try (var in = ModuleGlobals.class.getResourceAsStream("/fazt/runtime/engine/" + name)) {
            return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "fazt:" + name)
                    .internal(true)
                    .build();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + name, e);
        }
    }
}
