package fazt.runtime.web;

import java.util.stream.Stream;

class HeadersTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "names are case-insensitive",
                        "const h = new Headers({'Content-Type': 'a'}); return [h.get('content-type'), h.has('CONTENT-TYPE')]",
                        "[\"a\",true]"),
                JsCase.of(
                        "append combines with comma-space",
                        "const h = new Headers(); h.append('X-A', '1'); h.append('x-a', '2'); return h.get('X-A')",
                        "1, 2"),
                JsCase.of("get of a missing name is null", "return new Headers().get('x')", "null"),
                JsCase.of(
                        "values are trimmed of HTTP whitespace",
                        "return new Headers([['a', ' \\t v \\n']]).get('a')",
                        "v"),
                JsCase.of(
                        "iteration is sorted and lower-cased",
                        "return [...new Headers([['B', '2'], ['a', '1'], ['C', '3']])]",
                        "[[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]]"),
                JsCase.of(
                        "set-cookie is never combined",
                        "const h = new Headers(); h.append('Set-Cookie', 'a=1'); h.append('set-cookie', 'b=2'); return [h.getSetCookie(), [...h], h.get('set-cookie')]",
                        "[[\"a=1\",\"b=2\"],[[\"set-cookie\",\"a=1\"],[\"set-cookie\",\"b=2\"]],\"a=1, b=2\"]"),
                JsCase.of(
                        "set replaces all values",
                        "const h = new Headers([['a','1'],['b','x'],['a','2']]); h.set('A', '3'); return [...h]",
                        "[[\"a\",\"3\"],[\"b\",\"x\"]]"),
                JsCase.of(
                        "delete removes all",
                        "const h = new Headers([['a','1'],['a','2']]); h.delete('A'); return h.has('a')",
                        "false"),
                JsCase.of(
                        "invalid name is a TypeError",
                        "new Headers().append('a b', 'c')",
                        "!TypeError: Headers.append: \"a b\" is an invalid header name."),
                JsCase.of(
                        "empty name is a TypeError",
                        "new Headers({'': 'x'})",
                        "!TypeError: Headers.append: \"\" is an invalid header name."),
                JsCase.of(
                        "newline in value is a TypeError",
                        "new Headers().set('a', 'b\\nc')",
                        "!TypeError: Headers.set: \"b\nc\" is an invalid header value for the \"a\" header."),
                JsCase.of(
                        "pairs must have two items",
                        "new Headers([['a']])",
                        "!TypeError: Failed to construct 'Headers': Invalid value"),
                JsCase.of(
                        "copy from Headers",
                        "const a = new Headers({x: '1'}); const b = new Headers(a); b.set('x', '2'); return [a.get('x'), b.get('x')]",
                        "[\"1\",\"2\"]"),
                JsCase.of(
                        "forEach gives value, name",
                        "const out = []; new Headers({B: '2', a: '1'}).forEach((v, k) => out.push(k + '=' + v)); return out",
                        "[\"a=1\",\"b=2\"]"),
                JsCase.of(
                        "keys and values",
                        "const h = new Headers({b: '2', a: '1'}); return [[...h.keys()], [...h.values()]]",
                        "[[\"a\",\"b\"],[\"1\",\"2\"]]"),
                JsCase.of("toStringTag", "return Object.prototype.toString.call(new Headers())", "[object Headers]"),
                JsCase.of(
                        "response headers of Response.error are immutable",
                        "Response.error().headers.set('a', 'b')",
                        "!TypeError: Headers are immutable"),
                JsCase.of(
                        "null init is a TypeError",
                        "new Headers(null)",
                        "!TypeError: Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'."));
    }
}
