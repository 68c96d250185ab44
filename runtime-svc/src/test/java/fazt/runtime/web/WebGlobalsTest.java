package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebGlobalsTest {
    private final JsHarness js = new JsHarness();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void installsTheGlobalsWithoutLeakingHelpers() {
        assertThat(js.run("""
                return ['fetch','Request','Response','Headers','URL','URLSearchParams','TextEncoder','TextDecoder','atob',
                  'btoa','crypto','structuredClone','setTimeout','clearTimeout','setInterval','clearInterval','queueMicrotask',
                  'AbortController','AbortSignal','Event','EventTarget','DOMException','FormData','Blob','File',
                  'ReadableStream','console','performance','navigator','WritableStream','TransformStream','CustomEvent','CryptoKey'].filter((n) => typeof globalThis[n] === 'undefined');
                """)).isEqualTo("[]");
        assertThat(js.run("return ['host','internal','Polyglot'].filter((n) => typeof globalThis[n] !== 'undefined')"))
                .isEqualTo("[]");
        assertThat(js.run("return Object.keys(globalThis)")).isEqualTo("[]");
    }

    @Test
    void replacingGlobalsDoesNotBreakThePlatform() {
        // libraries sometimes install their own polyfills over the globals; the platform keeps its own references
        assertThat(js.run("""
                for (const n of ['ReadableStream', 'Headers', 'Blob', 'File', 'FormData', 'URL', 'URLSearchParams',
                  'DOMException', 'AbortSignal', 'Response', 'crypto', 'btoa']) globalThis[n] = () => { throw new Error('polyfill ' + n); };
                const req = new Request('http://a/?q=1', {method: 'POST', body: 'x=1', headers: {'content-type': 'application/x-www-form-urlencoded'}});
                const form = await req.clone().formData();
                return [await req.text(), form.get('x'), (await fetch('ftp://x').catch((e) => e.message)).slice(0, 12), typeof structuredClone({a: 1})];
                """)).isEqualTo("[\"x=1\",\"1\",\"fetch failed\",\"object\"]");
    }

    @Test
    void installCostPerContext() {
        // not asserted: printed for the report (cold start pays this once per context)
        for (int i = 0; i < 3; i++) {
            new JsHarness().close();
        }
        int n = 10;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            new JsHarness().close();
        }
        double withGlobals = (System.nanoTime() - t0) / 1e6 / n;
        long t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Context bare = Context.newBuilder("js")
                    .engine(JsHarness.ENGINE)
                    .allowHostAccess(HostAccess.NONE)
                    .build()) {
                bare.eval("js", "1");
            }
        }
        System.out.printf(
                "context + WebGlobals.install: %.1f ms each, bare context %.1f ms (interpreter, shared engine)%n",
                withGlobals, (System.nanoTime() - t1) / 1e6 / n);
    }

    @Test
    void polyglotBindingsStayOutOfReach() {
        assertThat(js.run("try { return String(Polyglot.import('fazt.web.bridge')); } catch (e) { return e.name; }"))
                .isEqualTo("ReferenceError");
    }
}
