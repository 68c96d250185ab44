package fazt.runtime.web;

import java.util.stream.Stream;

class StructuredCloneTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "plain data is deep-copied",
                        "const a = {x: [1, {y: 'z'}], n: null, u: undefined, b: true}; const c = structuredClone(a); c.x[1].y = 'changed'; return [a.x[1].y, 'u' in c, c.n, c.b]",
                        "[\"z\",true,null,true]"),
                JsCase.of(
                        "cycles are kept",
                        "const a = {name: 'a'}; a.self = a; a.list = [a]; const c = structuredClone(a); return [c !== a, c.self === c, c.list[0] === c]",
                        "[true,true,true]"),
                JsCase.of(
                        "shared references stay shared",
                        "const s = {}; const c = structuredClone({p: s, q: s}); return c.p === c.q",
                        "true"),
                JsCase.of(
                        "Date",
                        "const d = new Date(1700000000000); const c = structuredClone(d); return [c instanceof Date, c !== d, c.getTime()]",
                        "[true,true,1700000000000]"),
                JsCase.of(
                        "RegExp keeps source and flags",
                        "const c = structuredClone(/a+b/gi); return [c instanceof RegExp, c.source, c.flags]",
                        "[true,\"a+b\",\"gi\"]"),
                JsCase.of(
                        "Map and Set",
                        "const m = new Map([[{k: 1}, new Set([1, 2])]]); const c = structuredClone(m); const [[k, v]] = [...c]; return [c instanceof Map, k.k, v instanceof Set, [...v]]",
                        "[true,1,true,[1,2]]"),
                JsCase.of(
                        "ArrayBuffer is copied",
                        "const b = new Uint8Array([1, 2, 3]).buffer; const c = structuredClone(b); new Uint8Array(b)[0] = 9; return [...new Uint8Array(c)]",
                        "[1,2,3]"),
                JsCase.of(
                        "typed arrays sharing a buffer still share it",
                        "const b = new ArrayBuffer(8); const c = structuredClone({a: new Uint8Array(b, 2, 2), d: new DataView(b)}); c.a[0] = 7; return [c.a.buffer === c.d.buffer, c.d.getUint8(2), c.a.byteOffset]",
                        "[true,7,2]"),
                JsCase.of(
                        "wrapper objects and bigint",
                        "const c = structuredClone([Object(1), Object('s'), Object(false), 10n]); return [typeof c[0], c[0].valueOf(), c[1].valueOf(), c[2].valueOf(), typeof c[3]]",
                        "[\"object\",1,\"s\",false,\"bigint\"]"),
                JsCase.of(
                        "errors keep name and message",
                        "const c = structuredClone(new RangeError('bad', {cause: 'x'})); return [c instanceof RangeError, c.message, c.cause]",
                        "[true,\"bad\",\"x\"]"),
                JsCase.of(
                        "functions throw DataCloneError",
                        "try { structuredClone({f() {}}); } catch (e) { return [e instanceof DOMException, e.name, e.code]; }",
                        "[true,\"DataCloneError\",25]"),
                JsCase.of(
                        "symbols throw DataCloneError",
                        "try { structuredClone(Symbol('s')); } catch (e) { return e.name; }",
                        "DataCloneError"),
                JsCase.of(
                        "platform objects throw DataCloneError",
                        "try { structuredClone(new Headers()); } catch (e) { return e.name; }",
                        "DataCloneError"),
                JsCase.of(
                        "class instances become plain objects",
                        "class P { constructor() { this.v = 1; } get x() { return 2; } } const c = structuredClone(new P()); return [Object.getPrototypeOf(c) === Object.prototype, c.v, c.x]",
                        "[true,1,null]"),
                JsCase.of(
                        "non-index array props are kept, holes stay holes",
                        "const a = [1, , 3]; a.extra = 'e'; const c = structuredClone(a); return [c.length, 1 in c, c.extra]",
                        "[3,false,\"e\"]"),
                JsCase.of(
                        "Blob is cloned",
                        "const c = structuredClone(new Blob(['hi'], {type: 'text/plain'})); return [c instanceof Blob, c.type, await c.text()]",
                        "[true,\"text/plain\",\"hi\"]"),
                JsCase.of(
                        "transfer detaches the source buffer",
                        "const b = new Uint8Array([5]).buffer; const c = structuredClone(b, {transfer: [b]}); return [b.byteLength, new Uint8Array(c)[0]]",
                        "[0,5]"),
                JsCase.of(
                        "transfer of a non-buffer fails",
                        "try { structuredClone(1, {transfer: [{}]}); } catch (e) { return e.name; }",
                        "DataCloneError"),
                JsCase.of(
                        "needs an argument",
                        "structuredClone()",
                        "!TypeError: Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present."));
    }
}
