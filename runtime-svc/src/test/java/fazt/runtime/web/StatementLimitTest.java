package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/**
 * The web scripts are internal sources: a statement limit that counts only the app's own sources
 * ({@code source -> !source.isInternal()}) is not used up by the platform's loops (byte conversion, UTF-8, URL
 * parsing), while the app's own loops still hit it.
 */
class StatementLimitTest {
    @Test
    void internalScriptsDoNotCountAgainstTheAppsStatementLimit() {
        ResourceLimits limits = ResourceLimits.newBuilder()
                .statementLimit(10_000, source -> !source.isInternal())
                .build();
        try (Engine engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            Context context = Context.newBuilder("js")
                    .engine(engine)
                    .allowHostAccess(HostAccess.NONE)
                    .resourceLimits(limits)
                    .build();
            WebGlobals.install(context, new WebHost() {
                @Override
                public void log(String level, String message) {}

                @Override
                public long setTimer(long delayMillis, Value callback) {
                    return 1;
                }

                @Override
                public void clearTimer(long id) {}

                @Override
                public void fetch(OutboundRequest request, Value resolve, Value reject) {}
            });
            // ~100k iterations inside the web scripts: free for the app
            Value big = JsBytes.toJs(context, new byte[100_000]);
            assertThat(big.getMember("length").asInt()).isEqualTo(100_000);
            assertThat(context.eval(
                                    "js",
                                    "new TextEncoder().encode('x'.repeat(50000)).length + new URL('http://a/' + 'p'.repeat(5000)).pathname.length")
                            .asInt())
                    .isEqualTo(55_001);
            // the app's own loop is still counted
            assertThatThrownBy(() -> context.eval("js", "for (let i = 0; i < 1e6; i++) {}"))
                    .isInstanceOf(PolyglotException.class)
                    .satisfies(e -> assertThat(((PolyglotException) e).isResourceExhausted())
                            .isTrue());
            try {
                context.close(true);
            } catch (PolyglotException expected) {
                // a context stopped by its limit reports the cancellation again on close
            }
        }
    }
}
