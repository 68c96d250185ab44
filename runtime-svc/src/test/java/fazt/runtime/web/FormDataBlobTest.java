package fazt.runtime.web;

import java.util.stream.Stream;

class FormDataBlobTest implements JsConformance {
    /** A browser-style multipart body with a text field, a file and a UTF-8 field name; CRLF line ends. */
    private static final String MULTIPART = String.join(
            "\\r\\n",
            "--XyZ",
            "Content-Disposition: form-data; name=\"title\"",
            "",
            "Hello, world",
            "--XyZ",
            "Content-Disposition: form-data; name=\"upload\"; filename=\"a %22b%22.txt\"",
            "Content-Type: text/markdown",
            "",
            "# file\\r\\nline 2",
            "--XyZ",
            "Content-Disposition: form-data; name=\"caf\u00e9\"",
            "",
            "",
            "--XyZ--",
            "");

    static Stream<JsCase> cases() {
        String parse = "const req = new Request('http://a/', {method: 'POST', body: '" + MULTIPART
                + "', headers: {'content-type': 'multipart/form-data; boundary=XyZ'}});\nconst f = await req.formData();\n";
        return Stream.of(
                JsCase.of(
                        "multipart text fields",
                        parse + "return [f.get('title'), f.get('caf\u00e9'), f.has('nope')]",
                        "[\"Hello, world\",\"\",false]"),
                JsCase.of(
                        "multipart file",
                        parse
                                + "const file = f.get('upload'); return [file instanceof File, file.name, file.type, file.size, await file.text()]",
                        "[true,\"a \\\"b\\\".txt\",\"text/markdown\",14,\"# file\\r\\nline 2\"]"),
                JsCase.of("multipart with a quoted boundary and binary data", """
                        const bytes = new Uint8Array([0, 255, 13, 10, 45, 45]);
                        const body = new Blob(['--b\\r\\nContent-Disposition: form-data; name="bin"; filename="x.bin"\\r\\nContent-Type: application/octet-stream\\r\\n\\r\\n', bytes, '\\r\\n--b--\\r\\n']);
                        const f = await new Response(body, {headers: {'content-type': 'multipart/form-data; boundary="b"'}}).formData();
                        return [...new Uint8Array(await f.get('bin').arrayBuffer())];
                        """, "[0,255,13,10,45,45]"),
                JsCase.of(
                        "multipart without boundary fails",
                        "try { await new Response('x', {headers: {'content-type': 'multipart/form-data'}}).formData(); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "truncated multipart fails",
                        "try { await new Response('--b\\r\\nContent-Disposition: form-data; name=\"a\"\\r\\n\\r\\nvalue', {headers: {'content-type': 'multipart/form-data; boundary=b'}}).formData(); } catch (e) { return e.name; }",
                        "TypeError"),
                JsCase.of(
                        "serialize and parse round trip",
                        """
                        const fd = new FormData();
                        fd.append('a', 'x\\ny');
                        fd.append('f', new Blob([new Uint8Array([1, 2, 3])], {type: 'image/png'}), 'p.png');
                        fd.append('q"n', 'v');
                        const r = new Response(fd);
                        const ct = r.headers.get('content-type');
                        const back = await r.formData();
                        const file = back.get('f');
                        return [ct.startsWith('multipart/form-data; boundary='), back.get('a'), file.name, file.type, [...await file.bytes()], back.get('q"n')];
                        """,
                        "[true,\"x\\r\\ny\",\"p.png\",\"image/png\",[1,2,3],\"v\"]"),
                JsCase.of("FormData methods", """
                        const fd = new FormData();
                        fd.append('a', '1'); fd.append('b', '2'); fd.append('a', '3');
                        const first = [fd.get('a'), fd.getAll('a'), fd.has('b')];
                        fd.set('a', '9'); fd.delete('b');
                        return [...first, [...fd], [...fd.keys()]];
                        """, "[\"1\",[\"1\",\"3\"],true,[[\"a\",\"9\"]],[\"a\"]]"),
                JsCase.of(
                        "Blob value becomes a File named blob",
                        "const fd = new FormData(); fd.append('x', new Blob(['z'])); const v = fd.get('x'); return [v instanceof File, v.name]",
                        "[true,\"blob\"]"),
                JsCase.of(
                        "filename with a string value",
                        "new FormData().append('a', 'b', 'c')",
                        "!TypeError: Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'."),
                JsCase.of(
                        "FormData from a form is not supported",
                        "new FormData({})",
                        "!TypeError: Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'."),
                // Blob / File
                JsCase.of(
                        "blob parts",
                        "const b = new Blob(['ab', new Uint8Array([99]), new Blob(['d'])], {type: 'Text/Plain'}); return [b.size, b.type, await b.text()]",
                        "[4,\"text/plain\",\"abcd\"]"),
                JsCase.of("blob type with non-ASCII is dropped", "return new Blob([], {type: 'a\u00e9'}).type", ""),
                JsCase.of(
                        "blob slice",
                        "const b = new Blob(['hello world']); return [await b.slice(6).text(), await b.slice(-5, -1).text(), await b.slice(3, 1).text(), b.slice(0, 5, 'x/y').type]",
                        "[\"world\",\"worl\",\"\",\"x/y\"]"),
                JsCase.of(
                        "blob endings native",
                        "return await new Blob(['a\\r\\nb\\rc'], {endings: 'native'}).text()",
                        "a\nb\nc"),
                JsCase.of(
                        "blob bytes and arrayBuffer",
                        "const b = new Blob([new Uint8Array([5, 6])]); return [[...await b.bytes()], (await b.arrayBuffer()).byteLength]",
                        "[[5,6],2]"),
                JsCase.of(
                        "blob stream",
                        "const out = []; for await (const c of new Blob(['xyz']).stream()) out.push(...c); return out",
                        "[120,121,122]"),
                JsCase.of(
                        "blob parts must be a sequence",
                        "new Blob('abc')",
                        "!TypeError: Failed to construct 'Blob': The provided value cannot be converted to a sequence."),
                JsCase.of(
                        "blob copies its parts",
                        "const a = new Uint8Array([1]); const b = new Blob([a]); a[0] = 2; return [...await b.bytes()]",
                        "[1]"),
                JsCase.of(
                        "file",
                        "const f = new File(['x'], 'n.txt', {type: 'text/plain', lastModified: 42}); return [f.name, f.lastModified, f.type, f instanceof Blob, String(f)]",
                        "[\"n.txt\",42,\"text/plain\",true,\"[object File]\"]"),
                JsCase.of(
                        "file needs a name",
                        "new File(['x'])",
                        "!TypeError: Failed to construct 'File': 2 arguments required, but only 1 present."));
    }
}
