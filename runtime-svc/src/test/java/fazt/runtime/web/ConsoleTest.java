package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    private final JsHarness js = new JsHarness();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void levelsGoToTheHost() {
        js.run(
                "console.log('a'); console.info('b'); console.debug('c'); console.warn('d'); console.error('e'); console.trace('t')");
        assertThat(js.logs).hasSize(6);
        assertThat(js.logs.subList(0, 5)).containsExactly("info a", "info b", "debug c", "warn d", "error e");
        assertThat(js.logs.get(5)).startsWith("debug t");
    }

    @Test
    void formatsLikeNode() {
        js.run("""
                console.log('%s is %d years and %i days, %f', 'Bob', 42.5, 3.9, 1.5, 'extra');
                console.log({a: 1, b: 'x', c: [1, 2], d: {e: null}}, [undefined], 5n, Symbol('s'));
                const o = {name: 'loop'}; o.self = o; console.log(o);
                console.log(new Map([['k', 1]]), new Set([1]), new Uint8Array([1, 2]), () => 1, function named() {});
                console.log(new Error('boom').message, 'done', 100%, -0);
                """.replace("100%", "'100%'"));
        assertThat(js.logs)
                .containsExactly(
                        "info Bob is 42.5 years and 3 days, 1.5 extra",
                        "info { a: 1, b: \"x\", c: [ 1, 2 ], d: { e: null } } [ undefined ] 5n Symbol(s)",
                        "info { name: \"loop\", self: [Circular *] }",
                        "info Map(1) { \"k\" => 1 } Set(1) { 1 } Uint8Array(2) [ 1, 2 ] [Function: (anonymous)] [Function: named]",
                        "info boom done 100% -0");
    }

    @Test
    void errorsPrintTheirStackAndUncaughtListenerErrorsAreReported() {
        js.run("console.error(new TypeError('bad thing'))");
        assertThat(js.logs.get(0)).startsWith("error TypeError: bad thing");
        js.run(
                "const t = new EventTarget(); t.addEventListener('x', () => { throw new RangeError('from listener'); }); t.dispatchEvent(new Event('x'))");
        assertThat(js.logs.get(1)).startsWith("error Uncaught RangeError: from listener");
    }

    @Test
    void countTimeGroupAssert() {
        js.run(
                "console.count(); console.count(); console.count('x'); console.group('g'); console.log('in'); console.groupEnd(); console.log('out'); console.assert(1 === 2, 'nope'); console.assert(true, 'never')");
        assertThat(js.logs)
                .containsExactly(
                        "info default: 1",
                        "info default: 2",
                        "info x: 1",
                        "info g",
                        "info   in",
                        "info out",
                        "error Assertion failed: nope");
    }
}
