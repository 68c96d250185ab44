package fazt.runtime.web;

import java.util.stream.Stream;

class EventsAndTimersTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                // DOMException
                JsCase.of(
                        "DOMException fields",
                        "const e = new DOMException('m', 'NotFoundError'); return [e.name, e.message, e.code, e instanceof Error, String(e), Object.prototype.toString.call(e)]",
                        "[\"NotFoundError\",\"m\",8,true,\"NotFoundError: m\",\"[object DOMException]\"]"),
                JsCase.of(
                        "DOMException defaults and constants",
                        "const e = new DOMException(); return [e.name, e.message, e.code, DOMException.ABORT_ERR, typeof e.stack]",
                        "[\"Error\",\"\",0,20,\"string\"]"),
                JsCase.of(
                        "DOMException options with cause",
                        "const e = new DOMException('m', {name: 'AbortError', cause: 1}); return [e.name, e.code, e.cause]",
                        "[\"AbortError\",20,1]"),
                // Event / EventTarget
                JsCase.of(
                        "dispatch calls listeners in order with this and event",
                        "const t = new EventTarget(); const out = []; t.addEventListener('x', function (e) { out.push(this === t, e.type, e.target === t); }); t.addEventListener('x', {handleEvent(e) { out.push('obj'); }}); t.dispatchEvent(new Event('x')); return out",
                        "[true,\"x\",true,\"obj\"]"),
                JsCase.of(
                        "once and duplicates",
                        "const t = new EventTarget(); let n = 0; const f = () => n++; t.addEventListener('x', f, {once: true}); t.addEventListener('x', f); t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x')); return n",
                        "1"),
                JsCase.of(
                        "removeEventListener",
                        "const t = new EventTarget(); let n = 0; const f = () => n++; t.addEventListener('x', f); t.removeEventListener('x', f); t.dispatchEvent(new Event('x')); return n",
                        "0"),
                JsCase.of(
                        "preventDefault needs cancelable",
                        "const t = new EventTarget(); t.addEventListener('x', (e) => e.preventDefault()); return [t.dispatchEvent(new Event('x')), t.dispatchEvent(new Event('x', {cancelable: true}))]",
                        "[true,false]"),
                JsCase.of(
                        "stopImmediatePropagation",
                        "const t = new EventTarget(); const out = []; t.addEventListener('x', (e) => { out.push(1); e.stopImmediatePropagation(); }); t.addEventListener('x', () => out.push(2)); t.dispatchEvent(new Event('x')); return out",
                        "[1]"),
                JsCase.of(
                        "listener errors are reported, dispatch goes on",
                        "const t = new EventTarget(); let n = 0; t.addEventListener('x', () => { throw new Error('in listener'); }); t.addEventListener('x', () => n++); t.dispatchEvent(new Event('x')); return n",
                        "1"),
                JsCase.of(
                        "listener with an aborted signal is not added",
                        "const t = new EventTarget(); const ac = new AbortController(); let n = 0; t.addEventListener('x', () => n++, {signal: ac.signal}); ac.abort(); t.dispatchEvent(new Event('x')); return n",
                        "0"),
                JsCase.of(
                        "CustomEvent detail",
                        "const t = new EventTarget(); let d; t.addEventListener('c', (e) => d = e.detail); t.dispatchEvent(new CustomEvent('c', {detail: {a: 1}})); return d",
                        "{\"a\":1}"),
                JsCase.of(
                        "dispatching a non-event",
                        "new EventTarget().dispatchEvent({type: 'x'})",
                        "!TypeError: Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'."),
                // AbortController / AbortSignal
                JsCase.of(
                        "abort with default reason",
                        "const ac = new AbortController(); let fired = 0; ac.signal.addEventListener('abort', () => fired++); ac.signal.onabort = () => fired++; ac.abort(); ac.abort(); return [ac.signal.aborted, ac.signal.reason.name, ac.signal.reason instanceof DOMException, fired]",
                        "[true,\"AbortError\",true,2]"),
                JsCase.of(
                        "abort with a reason",
                        "const ac = new AbortController(); ac.abort('why'); return ac.signal.reason",
                        "why"),
                JsCase.of(
                        "throwIfAborted",
                        "const ac = new AbortController(); ac.signal.throwIfAborted(); ac.abort(new RangeError('r')); try { ac.signal.throwIfAborted(); } catch (e) { return e.name; }",
                        "RangeError"),
                JsCase.of(
                        "AbortSignal.abort",
                        "const s = AbortSignal.abort(); return [s.aborted, s.reason.name]",
                        "[true,\"AbortError\"]"),
                JsCase.of(
                        "AbortSignal.timeout",
                        "const s = AbortSignal.timeout(50); const before = s.aborted; await new Promise((r) => s.addEventListener('abort', r)); return [before, s.aborted, s.reason.name, s.reason.message]",
                        "[false,true,\"TimeoutError\",\"The operation was aborted due to timeout\"]"),
                JsCase.of(
                        "AbortSignal.any follows the first abort",
                        "const a = new AbortController(), b = new AbortController(); const s = AbortSignal.any([a.signal, b.signal]); b.abort('b'); a.abort('a'); return [s.aborted, s.reason]",
                        "[true,\"b\"]"),
                JsCase.of(
                        "AbortSignal.any of an aborted signal",
                        "return AbortSignal.any([AbortSignal.abort('x')]).reason",
                        "x"),
                JsCase.of("AbortSignal cannot be constructed", "new AbortSignal()", "!TypeError: Illegal constructor"),
                // timers and microtasks
                JsCase.of(
                        "setTimeout runs in delay order with args",
                        "const out = []; await new Promise((done) => { setTimeout((x) => out.push(x), 20, 'b'); setTimeout((x) => out.push(x), 10, 'a'); setTimeout(() => done(), 30); }); return out",
                        "[\"a\",\"b\"]"),
                JsCase.of(
                        "clearTimeout cancels",
                        "let ran = false; const id = setTimeout(() => ran = true, 5); clearTimeout(id); await new Promise((r) => setTimeout(r, 10)); return [typeof id, ran]",
                        "[\"number\",false]"),
                JsCase.of(
                        "setInterval repeats until cleared",
                        "let n = 0; await new Promise((done) => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); done(); } }, 10); }); await new Promise((r) => setTimeout(r, 50)); return n",
                        "3"),
                JsCase.of(
                        "setTimeout needs a function",
                        "setTimeout('code()')",
                        "!TypeError: setTimeout: the \"callback\" argument must be a function"),
                JsCase.of(
                        "clearTimeout of unknown ids is a no-op",
                        "clearTimeout(12345); clearTimeout(undefined); clearInterval(null); return 'ok'",
                        "ok"),
                JsCase.of(
                        "queueMicrotask runs before timers and after sync code",
                        "const out = []; setTimeout(() => out.push('timer'), 0); queueMicrotask(() => out.push('micro')); out.push('sync'); await new Promise((r) => setTimeout(r, 1)); return out",
                        "[\"sync\",\"micro\",\"timer\"]"),
                JsCase.of(
                        "performance.now is monotonic from the time origin",
                        "const a = performance.now(); const b = performance.now(); return [typeof a, a >= 0, b >= a, Math.abs(performance.timeOrigin - Date.now()) < 60000]",
                        "[\"number\",true,true,true]"),
                JsCase.of(
                        "navigator",
                        "return [navigator.userAgent, String(navigator)]",
                        "[\"fazt\",\"[object Navigator]\"]"),
                JsCase.of(
                        "queueMicrotask needs a function",
                        "queueMicrotask(1)",
                        "!TypeError: Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'."));
    }
}
