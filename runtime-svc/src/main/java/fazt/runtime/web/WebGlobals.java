package fazt.runtime.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Installs the Web-platform globals ({@code fetch}, {@code Request}, {@code Response}, {@code Headers}, {@code URL},
 * streams, encoding, {@code crypto}, timers, {@code console}...) into a fresh GraalJS context. The scripts are
 * {@link Source}s built once per JVM, so a shared {@code Engine} caches their code across contexts. Each script is a
 * function of {@code (host, internal)}: the Java capabilities and the helpers the scripts share stay in closures
 * and never appear on the app's global scope.
 */
public final class WebGlobals {
    /** Load order matters: later scripts use what earlier ones put on {@code internal} or the global scope. */
    private static final List<String> SCRIPTS = List.of(
            "events.js",
            "encoding.js",
            "timers.js",
            "console.js",
            "url-host.js",
            "url-parser.js",
            "url.js",
            "blob.js",
            "streams.js",
            "formdata.js",
            "headers.js",
            "fetch.js",
            "crypto.js",
            "clone.js");

    private static final List<Source> SOURCES =
            SCRIPTS.stream().map(WebGlobals::load).toList();
    private static final Source BRIDGE = load("bridge.js");
    private static final Source INTERNAL = Source.create("js", "({})");
    /** Where the bridge functions wait for {@link #bridge}: polyglot bindings, which guest code cannot reach unless
     * the context allows polyglot access (the engine does not). */
    private static final String BINDING = "fazt.web.bridge";

    private WebGlobals() {}

    /** Installs host functions and the global scripts into a fresh context. Call once, on the context's thread. */
    public static void install(Context context, WebHost host) {
        Value hostObject = context.asValue(HostFunctions.of(host));
        Value internal = context.eval(INTERNAL);
        for (Source source : SOURCES) {
            context.eval(source).execute(hostObject, internal);
        }
        Value functions = context.eval(BRIDGE).execute(hostObject, internal);
        context.getPolyglotBindings().putMember(BINDING, functions);
    }

    /** JS functions the engine uses to build the handler's Request and read its Response. */
    public static WebBridge bridge(Context context) {
        Value functions = context.getPolyglotBindings().getMember(BINDING);
        if (functions == null || functions.isNull()) {
            throw new IllegalStateException("web globals are not installed in this context");
        }
        return new WebBridge(functions);
    }

    private static Source load(String name) {
        try (InputStream in = WebGlobals.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing web script " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "fazt:web/" + name)
                    .cached(true)
                    .internal(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
