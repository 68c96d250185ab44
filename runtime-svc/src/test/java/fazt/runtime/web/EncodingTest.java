package fazt.runtime.web;

import java.util.stream.Stream;

class EncodingTest implements JsConformance {
    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "encode ascii, 2, 3 and 4 byte forms",
                        "return [...new TextEncoder().encode('a\\u00e9\\u20ac\\u{1F600}')]",
                        "[97,195,169,226,130,172,240,159,152,128]"),
                JsCase.of(
                        "lone surrogate encodes as U+FFFD",
                        "return [...new TextEncoder().encode('\\ud800x')]",
                        "[239,191,189,120]"),
                JsCase.of("encoder encoding", "return new TextEncoder().encoding", "utf-8"),
                JsCase.of(
                        "encodeInto stops before a partial character",
                        "const d = new Uint8Array(5); const r = new TextEncoder().encodeInto('ab\\u20ac\\u20ac', d); return [r.read, r.written, [...d]]",
                        "[3,5,[97,98,226,130,172]]"),
                JsCase.of(
                        "decode round trip",
                        "return new TextDecoder().decode(new TextEncoder().encode('h\\u00e9llo \\u{1F600}'))",
                        "h\u00e9llo \uD83D\uDE00"),
                JsCase.of(
                        "decode strips the BOM",
                        "return new TextDecoder().decode(new Uint8Array([0xEF,0xBB,0xBF,0x41])).length",
                        "1"),
                JsCase.of(
                        "ignoreBOM keeps it",
                        "return new TextDecoder('utf-8', {ignoreBOM: true}).decode(new Uint8Array([0xEF,0xBB,0xBF,0x41])).length",
                        "2"),
                JsCase.of(
                        "invalid bytes become U+FFFD per maximal subpart",
                        "return [...new TextDecoder().decode(new Uint8Array([0x61,0xF0,0x90,0x80,0x62,0xC0,0xAF,0xED,0xA0,0x80]))].map(c => c.codePointAt(0).toString(16))",
                        "[\"61\",\"fffd\",\"62\",\"fffd\",\"fffd\",\"fffd\",\"fffd\",\"fffd\"]"),
                JsCase.of(
                        "fatal throws TypeError",
                        "new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0xFF]))",
                        "!TypeError: The encoded data was not valid for encoding utf-8"),
                JsCase.of(
                        "fatal on truncated sequence at end",
                        "new TextDecoder('utf8', {fatal: true}).decode(new Uint8Array([0xE2,0x82]))",
                        "!TypeError: The encoded data was not valid for encoding utf-8"),
                JsCase.of(
                        "stream keeps a split character",
                        "const d = new TextDecoder(); return d.decode(new Uint8Array([0xE2,0x82]), {stream: true}) + '|' + d.decode(new Uint8Array([0xAC]))",
                        "|\u20ac"),
                JsCase.of(
                        "stream end flushes a partial character",
                        "const d = new TextDecoder(); d.decode(new Uint8Array([0xE2]), {stream: true}); return d.decode().codePointAt(0).toString(16)",
                        "fffd"),
                JsCase.of(
                        "labels are normalized",
                        "return [new TextDecoder(' UTF8 ').encoding, new TextDecoder('latin1').encoding, new TextDecoder('utf-16').encoding]",
                        "[\"utf-8\",\"windows-1252\",\"utf-16le\"]"),
                JsCase.of(
                        "unknown label is a RangeError",
                        "new TextDecoder('nope')",
                        "!RangeError: Failed to construct 'TextDecoder': The encoding label provided ('nope') is invalid."),
                JsCase.of(
                        "windows-1252 maps 0x80 to the euro sign",
                        "return new TextDecoder('ascii').decode(new Uint8Array([0x80, 0xE9]))",
                        "\u20ac\u00e9"),
                JsCase.of(
                        "utf-16le",
                        "return new TextDecoder('utf-16le').decode(new Uint8Array([0x41,0x00,0x3D,0xD8,0x00,0xDE]))",
                        "A\uD83D\uDE00"),
                JsCase.of(
                        "decode accepts DataView and ArrayBuffer",
                        "const b = new TextEncoder().encode('xyz'); return new TextDecoder().decode(new DataView(b.buffer, 1)) + new TextDecoder().decode(b.buffer)",
                        "yzxyz"),
                JsCase.of(
                        "decode rejects a string",
                        "new TextDecoder().decode('x')",
                        "!TypeError: Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'"),
                // inputs of 256 bytes and more decode in the JDK: same results as the JS decoder
                JsCase.of(
                        "large decode matches the JS decoder on invalid bytes",
                        """
                        const bad = [0x61, 0xF0, 0x90, 0x80, 0x62, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xE2, 0x82, 0x41, 0xF4, 0x90, 0x80, 0x80, 0xFF];
                        const big = new Uint8Array(bad.length * 20);
                        for (let i = 0; i < 20; i++) big.set(bad, i * bad.length);
                        const whole = new TextDecoder().decode(big);
                        let pieces = '';
                        for (let i = 0; i < 20; i++) pieces += new TextDecoder().decode(new Uint8Array(bad));
                        return [big.length >= 256, whole === pieces, [...pieces.slice(0, 13)].map((c) => c.codePointAt(0).toString(16)).join(' ')];
                        """,
                        "[true,true,\"61 fffd 62 fffd fffd fffd fffd fffd fffd 41 fffd fffd fffd\"]"),
                JsCase.of(
                        "large fatal decode throws",
                        "const b = new Uint8Array(300).fill(0x41); b[299] = 0xC3; new TextDecoder('utf-8', {fatal: true}).decode(b)",
                        "!TypeError: The encoded data was not valid for encoding utf-8"),
                JsCase.of(
                        "large decode strips the BOM unless ignoreBOM",
                        "const b = new Uint8Array(300).fill(0x41); b.set([0xEF, 0xBB, 0xBF]); return [new TextDecoder().decode(b).length, new TextDecoder('utf-8', {ignoreBOM: true}).decode(b).length, (await new Response(b).text()).length]",
                        "[297,298,297]"),
                JsCase.of(
                        "large final decode after a stream keeps the buffered bytes",
                        "const d = new TextDecoder(); const a = d.decode(new Uint8Array([0xE2, 0x82]), {stream: true}); const rest = new Uint8Array(300).fill(0x42); rest[0] = 0xAC; const s = d.decode(rest); return [a, s.length, s[0]]",
                        "[\"\",300,\"\u20ac\"]"),
                JsCase.of(
                        "btoa",
                        "return [btoa(''), btoa('f'), btoa('fo'), btoa('foo'), btoa('\\u00ff\\u00fe')]",
                        "[\"\",\"Zg==\",\"Zm8=\",\"Zm9v\",\"//4=\"]"),
                JsCase.of(
                        "btoa outside Latin1",
                        "btoa('\\u20ac')",
                        "!InvalidCharacterError: Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range."),
                JsCase.of(
                        "atob forgiving",
                        "return [atob('Zm9v'), atob(' Zm 9v\\n'), atob('Zg'), atob('Zg=='), atob('Zm8=')]",
                        "[\"foo\",\"foo\",\"f\",\"f\",\"fo\"]"),
                JsCase.of(
                        "atob rejects bad length",
                        "atob('Zm9vY')",
                        "!InvalidCharacterError: Failed to execute 'atob': The string to be decoded is not correctly encoded."),
                JsCase.of(
                        "atob rejects bad char",
                        "atob('Zm9v!')",
                        "!InvalidCharacterError: Failed to execute 'atob': The string to be decoded is not correctly encoded."),
                JsCase.of(
                        "atob rejects misplaced padding",
                        "atob('Zg=a')",
                        "!InvalidCharacterError: Failed to execute 'atob': The string to be decoded is not correctly encoded."),
                JsCase.of(
                        "atob error is a DOMException with code 5",
                        "try { atob('*'); } catch (e) { return [e instanceof DOMException, e.code, e instanceof Error]; }",
                        "[true,5,true]"),
                JsCase.of(
                        "atob needs an argument",
                        "atob()",
                        "!TypeError: Failed to execute 'atob': 1 argument required, but only 0 present."));
    }
}
