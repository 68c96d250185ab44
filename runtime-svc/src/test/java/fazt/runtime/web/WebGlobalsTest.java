package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

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
                  'ReadableStream','console'].filter((n) => typeof globalThis[n] === 'undefined');
                """)).isEqualTo("[]");
        assertThat(js.run("return ['host','internal','Polyglot'].filter((n) => typeof globalThis[n] !== 'undefined')"))
                .isEqualTo("[]");
        assertThat(js.run("return Object.keys(globalThis)")).isEqualTo("[]");
    }

    @Test
    void polyglotBindingsStayOutOfReach() {
        assertThat(js.run("try { return String(Polyglot.import('fazt.web.bridge')); } catch (e) { return e.name; }"))
                .isEqualTo("ReferenceError");
    }
}
