package fazt.runtime.web;

import java.util.stream.Stream;

class RequestResponseTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                // Response
                JsCase.of(
                        "defaults",
                        "const r = new Response(); return [r.status, r.ok, r.statusText, r.type, r.body, r.bodyUsed, r.url, r.redirected]",
                        "[200,true,\"\",\"default\",null,false,\"\",false]"),
                JsCase.of(
                        "string body sets text/plain",
                        "const r = new Response('hé'); return [r.headers.get('content-type'), await r.text()]",
                        "[\"text/plain;charset=UTF-8\",\"hé\"]"),
                JsCase.of(
                        "explicit content-type wins",
                        "const r = new Response('x', {headers: {'Content-Type': 'text/html'}}); return r.headers.get('content-type')",
                        "text/html"),
                JsCase.of("json()", "return await new Response('{\"a\":[1,2]}').json()", "{\"a\":[1,2]}"),
                JsCase.of(
                        "json() of bad JSON is a SyntaxError",
                        "try { await new Response('{').json(); } catch (e) { return e.name; }",
                        "SyntaxError"),
                JsCase.of(
                        "arrayBuffer and bytes",
                        "const r = new Response(new Uint8Array([1, 2, 3])); const c = r.clone(); return [[...new Uint8Array(await r.arrayBuffer())], [...await c.bytes()]]",
                        "[[1,2,3],[1,2,3]]"),
                JsCase.of(
                        "body from a view uses only the view",
                        "const b = new Uint8Array([1, 2, 3, 4]); return [...await new Response(b.subarray(1, 3)).bytes()]",
                        "[2,3]"),
                JsCase.of(
                        "body from ArrayBuffer is copied",
                        "const b = new Uint8Array([1]); const r = new Response(b.buffer); b[0] = 9; return [...await r.bytes()]",
                        "[1]"),
                JsCase.of(
                        "blob() carries the content type",
                        "const b = await new Response('abc', {headers: {'content-type': 'text/x'}}).blob(); return [b.size, b.type, await b.text()]",
                        "[3,\"text/x\",\"abc\"]"),
                JsCase.of(
                        "Blob body",
                        "const r = new Response(new Blob(['a', 'b'], {type: 'text/y'})); return [r.headers.get('content-type'), await r.text()]",
                        "[\"text/y\",\"ab\"]"),
                JsCase.of(
                        "URLSearchParams body",
                        "const r = new Response(new URLSearchParams({a: 'x y'})); return [r.headers.get('content-type'), await r.text()]",
                        "[\"application/x-www-form-urlencoded;charset=UTF-8\",\"a=x+y\"]"),
                JsCase.of(
                        "ReadableStream body",
                        "const s = new ReadableStream({start(c) { c.enqueue(new TextEncoder().encode('a')); c.enqueue(new TextEncoder().encode('b')); c.close(); }}); return await new Response(s).text()",
                        "ab"),
                JsCase.of(
                        "async iterable body",
                        "async function* g() { yield new TextEncoder().encode('x'); yield new TextEncoder().encode('y'); } return await new Response(g()).text()",
                        "xy"),
                JsCase.of(
                        "body can be read once",
                        "const r = new Response('x'); await r.text(); try { await r.text(); } catch (e) { return [r.bodyUsed, e.name]; }",
                        "[true,\"TypeError\"]"),
                JsCase.of(
                        "reading body stream marks it used",
                        "const r = new Response('x'); const rd = r.body.getReader(); await rd.read(); return r.bodyUsed",
                        "true"),
                JsCase.of(
                        "locked body cannot be read",
                        "const r = new Response('x'); r.body.getReader(); try { await r.text(); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "clone gives an independent body",
                        "const r = new Response(new ReadableStream({start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); }})); const c = r.clone(); return [await r.text(), await c.text()]",
                        "[\"hi\",\"hi\"]"),
                JsCase.of(
                        "clone after use throws",
                        "const r = new Response('x'); await r.text(); try { r.clone(); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "status range",
                        "new Response('', {status: 600})",
                        "!RangeError: Failed to construct 'Response': The status provided (600) is outside the range [200, 599]."),
                JsCase.of(
                        "null body status refuses a body",
                        "new Response('x', {status: 204})",
                        "!TypeError: Failed to construct 'Response': Response with null body status cannot have body"),
                JsCase.of("204 without body is fine", "return new Response(null, {status: 204}).status", "204"),
                JsCase.of(
                        "Response.json",
                        "const r = Response.json({a: 1}, {status: 201, headers: {'x-y': 'z'}}); return [r.status, r.headers.get('content-type'), r.headers.get('x-y'), await r.text()]",
                        "[201,\"application/json\",\"z\",\"{\\\"a\\\":1}\"]"),
                JsCase.of(
                        "Response.json of undefined",
                        "Response.json(undefined)",
                        "!TypeError: Failed to execute 'json' on 'Response': The data is not JSON serializable"),
                JsCase.of(
                        "Response.redirect",
                        "const r = Response.redirect('https://a.com/x y', 301); return [r.status, r.headers.get('location'), r.body]",
                        "[301,\"https://a.com/x%20y\",null]"),
                JsCase.of(
                        "Response.redirect default status 302",
                        "return Response.redirect('https://a.com/').status",
                        "302"),
                JsCase.of(
                        "Response.redirect bad status",
                        "Response.redirect('https://a.com/', 200)",
                        "!RangeError: Failed to execute 'redirect' on 'Response': Invalid status code 200"),
                JsCase.of(
                        "Response.redirect headers are immutable",
                        "try { Response.redirect('https://a.com/').headers.set('a', 'b'); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "Response.error",
                        "const r = Response.error(); return [r.type, r.status, r.ok, r.body]",
                        "[\"error\",0,false,null]"),
                JsCase.of(
                        "toStringTag",
                        "return [String(new Response()), String(new Request('http://a/'))]",
                        "[\"[object Response]\",\"[object Request]\"]"),
                // Request
                JsCase.of(
                        "request defaults",
                        "const r = new Request('http://a.com/p?q'); return [r.method, r.url, r.redirect, r.mode, r.credentials, r.cache, r.body, r.signal.aborted, r.headers.has('x')]",
                        "[\"GET\",\"http://a.com/p?q\",\"follow\",\"cors\",\"same-origin\",\"default\",null,false,false]"),
                JsCase.of(
                        "method is normalized, patch is not",
                        "return [new Request('http://a/', {method: 'post'}).method, new Request('http://a/', {method: 'patch'}).method, new Request('http://a/', {method: 'Custom'}).method]",
                        "[\"POST\",\"patch\",\"Custom\"]"),
                JsCase.of(
                        "forbidden method",
                        "new Request('http://a/', {method: 'CONNECT'})",
                        "!TypeError: Failed to construct 'Request': 'CONNECT' HTTP method is unsupported."),
                JsCase.of(
                        "invalid method",
                        "new Request('http://a/', {method: 'a b'})",
                        "!TypeError: Failed to construct 'Request': 'a b' is not a valid HTTP method."),
                JsCase.of(
                        "GET with body",
                        "new Request('http://a/', {body: 'x'})",
                        "!TypeError: Failed to construct 'Request': Request with GET/HEAD method cannot have body."),
                JsCase.of(
                        "relative URL fails",
                        "new Request('/x')",
                        "!TypeError: Failed to construct 'Request': Failed to parse URL from /x"),
                JsCase.of(
                        "credentials in URL fail",
                        "new Request('http://u:p@a/')",
                        "!TypeError: Failed to construct 'Request': Request cannot be constructed from a URL that includes credentials: http://u:p@a/"),
                JsCase.of(
                        "bad redirect enum",
                        "try { new Request('http://a/', {redirect: 'x'}); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "POST body and content-type",
                        "const r = new Request('http://a/', {method: 'POST', body: JSON.stringify({a: 1}), headers: {'content-type': 'application/json'}}); return [r.headers.get('content-type'), (await r.json()).a]",
                        "[\"application/json\",1]"),
                JsCase.of(
                        "Request from Request keeps fields, init overrides",
                        "const a = new Request('http://a/', {method: 'PUT', headers: {x: '1'}, body: 'b'}); const b = new Request(a, {headers: {y: '2'}}); return [b.method, b.headers.has('x'), b.headers.get('y'), await b.text(), a.bodyUsed]",
                        "[\"PUT\",false,\"2\",\"b\",true]"),
                JsCase.of(
                        "Request from a used Request",
                        "const a = new Request('http://a/', {method: 'POST', body: 'b'}); await a.text(); new Request(a)",
                        "!TypeError: Failed to construct 'Request': Cannot construct a Request with a Request object that has already been used."),
                JsCase.of(
                        "request clone",
                        "const a = new Request('http://a/', {method: 'POST', body: 'b', headers: {x: '1'}}); const c = a.clone(); return [c.method, c.headers.get('x'), await a.text(), await c.text()]",
                        "[\"POST\",\"1\",\"b\",\"b\"]"),
                JsCase.of(
                        "request clone keeps every field",
                        "const a = new Request('http://a/', {method: 'DELETE', redirect: 'manual', mode: 'same-origin', cache: 'no-store', keepalive: true}); const c = a.clone(); return [c.method, c.redirect, c.mode, c.cache, c.keepalive]",
                        "[\"DELETE\",\"manual\",\"same-origin\",\"no-store\",true]"),
                JsCase.of(
                        "request signal follows the init signal",
                        "const ac = new AbortController(); const r = new Request('http://a/', {signal: ac.signal}); ac.abort('why'); return [r.signal.aborted, r.signal.reason, r.signal === ac.signal]",
                        "[true,\"why\",false]"),
                JsCase.of(
                        "formData of urlencoded",
                        "const r = new Request('http://a/', {method: 'POST', body: 'a=1&b=x+y', headers: {'content-type': 'application/x-www-form-urlencoded'}}); const f = await r.formData(); return [...f]",
                        "[[\"a\",\"1\"],[\"b\",\"x y\"]]"),
                JsCase.of(
                        "formData of other types fails",
                        "try { await new Response('x').formData(); } catch (e) { return e.name; }",
                        "TypeError"));
    }
}
