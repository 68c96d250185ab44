package fazt.runtime.web;

import java.util.stream.Stream;

class StreamsTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "reader reads then done",
                        "const s = new ReadableStream({start(c) { c.enqueue(1); c.enqueue(2); c.close(); }}); const r = s.getReader(); return [await r.read(), await r.read(), await r.read()]",
                        "[{\"value\":1,\"done\":false},{\"value\":2,\"done\":false},{\"done\":true}]"),
                JsCase.of(
                        "pull is called on demand",
                        "let n = 0; const s = new ReadableStream({pull(c) { n++; if (n > 3) c.close(); else c.enqueue(n); }}, {highWaterMark: 0}); const out = []; for await (const x of s) out.push(x); return out",
                        "[1,2,3]"),
                JsCase.of(
                        "pull waits for async sources",
                        "const s = new ReadableStream({async pull(c) { await new Promise((r) => setTimeout(r, 10)); c.enqueue('t'); c.close(); }}); return (await s.getReader().read()).value",
                        "t"),
                JsCase.of(
                        "locked stream",
                        "const s = new ReadableStream(); s.getReader(); return [s.locked, await s.cancel().catch((e) => e.name)]",
                        "[true,\"TypeError\"]"),
                JsCase.of(
                        "second reader fails",
                        "const s = new ReadableStream(); s.getReader(); try { s.getReader(); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "releaseLock unlocks and rejects pending reads",
                        "const s = new ReadableStream(); const r = s.getReader(); const p = r.read(); r.releaseLock(); return [s.locked, await p.catch((e) => e.name)]",
                        "[false,\"TypeError\"]"),
                JsCase.of(
                        "error rejects reads and closed",
                        "const s = new ReadableStream({start(c) { c.error(new RangeError('boom')); }}); const r = s.getReader(); return [await r.read().catch((e) => e.message), await r.closed.catch((e) => e.name)]",
                        "[\"boom\",\"RangeError\"]"),
                JsCase.of(
                        "start throwing makes the constructor throw",
                        "try { new ReadableStream({start() { throw new Error('no'); }}); } catch (e) { return e.message; }",
                        "no"),
                JsCase.of(
                        "start rejecting errors the stream",
                        "const s = new ReadableStream({start() { return Promise.reject(new Error('later')); }}); return await s.getReader().read().catch((e) => e.message)",
                        "later"),
                JsCase.of(
                        "cancel calls the source",
                        "let why; const s = new ReadableStream({cancel(r) { why = r; }}); await s.cancel('because'); return why",
                        "because"),
                JsCase.of(
                        "enqueue after close throws",
                        "let ctl; new ReadableStream({start(c) { ctl = c; }}); ctl.close(); try { ctl.enqueue(1); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "desiredSize follows the queue",
                        "let ctl; new ReadableStream({start(c) { ctl = c; }}, {highWaterMark: 2}); const a = ctl.desiredSize; ctl.enqueue(1); return [a, ctl.desiredSize]",
                        "[2,1]"),
                JsCase.of(
                        "size strategy",
                        "let ctl; new ReadableStream({start(c) { ctl = c; }}, {highWaterMark: 10, size: (x) => x.length}); ctl.enqueue('abcd'); return ctl.desiredSize",
                        "6"),
                JsCase.of(
                        "tee",
                        "const s = new ReadableStream({start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); }}); const [x, y] = s.tee(); const read = async (t) => { const o = []; for await (const v of t) o.push(v); return o.join(''); }; return [await read(x), await read(y), s.locked]",
                        "[\"ab\",\"ab\",true]"),
                JsCase.of(
                        "async iteration break cancels",
                        "let canceled = false; const s = new ReadableStream({pull(c) { c.enqueue(1); }, cancel() { canceled = true; }}); for await (const v of s) break; return [canceled, s.locked]",
                        "[true,false]"),
                JsCase.of(
                        "values preventCancel",
                        "let canceled = false; const s = new ReadableStream({pull(c) { c.enqueue(1); }, cancel() { canceled = true; }}); for await (const v of s.values({preventCancel: true})) break; return canceled",
                        "false"),
                JsCase.of(
                        "from array",
                        "const out = []; for await (const v of ReadableStream.from([1, 2, 3])) out.push(v); return out",
                        "[1,2,3]"),
                JsCase.of(
                        "from async generator",
                        "async function* g() { yield 'a'; yield 'b'; } const out = []; for await (const v of ReadableStream.from(g())) out.push(v); return out",
                        "[\"a\",\"b\"]"),
                JsCase.of(
                        "from non-iterable",
                        "ReadableStream.from(5)",
                        "!TypeError: Failed to execute 'from' on 'ReadableStream': The provided value is not iterable."),
                JsCase.of(
                        "byob is not supported",
                        "try { new ReadableStream().getReader({mode: 'byob'}); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "pipeThrough a TransformStream",
                        "const t = new TransformStream({transform(ch, c) { c.enqueue(ch.toUpperCase()); }}); const out = []; for await (const v of ReadableStream.from(['a', 'b']).pipeThrough(t)) out.push(v); return out",
                        "[\"A\",\"B\"]"),
                JsCase.of(
                        "TransformStream writer feeds the readable",
                        "const {readable, writable} = new TransformStream(); const w = writable.getWriter(); w.write('x'); w.close(); return await new Response(readable.pipeThrough(new TransformStream({transform(c, ctl) { ctl.enqueue(new TextEncoder().encode(c)); }}))).text()",
                        "x"),
                JsCase.of(
                        "response body from a stream that errors",
                        "const s = new ReadableStream({pull(c) { c.error(new Error('mid')); }}); return await new Response(s).text().catch((e) => e.message)",
                        "mid"),
                JsCase.of(
                        "non-byte chunks fail body reads",
                        "const s = new ReadableStream({start(c) { c.enqueue('str'); c.close(); }}); return await new Response(s).text().catch((e) => e.message)",
                        "Received non-Uint8Array chunk"));
    }
}
