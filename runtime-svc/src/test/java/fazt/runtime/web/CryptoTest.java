package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoTest implements JsConformance {
    private static final String HEX =
            "const hex = (b) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');\n";

    @ParameterizedTest(name = "{0}({1})")
    @CsvSource(
            delimiter = '|',
            value = {
                "SHA-1 | abc | a9993e364706816aba3e25717850c26c9cd0d89d",
                "SHA-256 | abc | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "SHA-384 | abc | cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                "SHA-512 | abc | ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                "sha-256 | '' | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            })
    void digestKnownVectors(String alg, String input, String expected, JsHarness js) {
        assertThat(js.run(HEX + "return hex(await crypto.subtle.digest({name: '" + alg
                        + "'}, new TextEncoder().encode('" + input + "')))"))
                .isEqualTo(expected);
    }

    /** RFC 4231 test case 2 (RFC 2202 for SHA-1): key "Jefe". */
    @ParameterizedTest(name = "HMAC {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SHA-1 | effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
                "SHA-256 | 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "SHA-384 | af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
                "SHA-512 | 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
            })
    void hmacKnownVectors(String hash, String expected, JsHarness js) {
        assertThat(js.run(HEX + """
                const enc = new TextEncoder();
                const key = await crypto.subtle.importKey('raw', enc.encode('Jefe'), {name: 'HMAC', hash: '%s'}, false, ['sign', 'verify']);
                const sig = await crypto.subtle.sign('HMAC', key, enc.encode('what do ya want for nothing?'));
                const ok = await crypto.subtle.verify('HMAC', key, sig, enc.encode('what do ya want for nothing?'));
                const bad = await crypto.subtle.verify({name: 'HMAC'}, key, sig, enc.encode('what do ya want for nothing!'));
                return hex(sig) + ' ' + ok + ' ' + bad;
                """.formatted(hash))).isEqualTo(expected + " true false");
    }

    @Test
    void hmacRfc4231Case1(JsHarness js) {
        assertThat(js.run(HEX + """
                const key = await crypto.subtle.importKey('raw', new Uint8Array(20).fill(0x0b), {name: 'HMAC', hash: {name: 'SHA-256'}}, true, ['sign']);
                return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('Hi There')));
                """)).isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    static Stream<JsCase> cases() {
        return Stream.of(
                JsCase.of(
                        "randomUUID is a v4 UUID",
                        "const u = crypto.randomUUID(); return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u) && u !== crypto.randomUUID()",
                        "true"),
                JsCase.of(
                        "getRandomValues fills and returns the same array",
                        "const a = new Uint32Array(8); const r = crypto.getRandomValues(a); return r === a && a.some((x) => x !== 0)",
                        "true"),
                JsCase.of(
                        "getRandomValues quota is 65536 bytes",
                        "crypto.getRandomValues(new Uint8Array(65537))",
                        "!QuotaExceededError: Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (65537) exceeds the number of bytes of entropy available via this API (65536)."),
                JsCase.of(
                        "getRandomValues at the quota works",
                        "return crypto.getRandomValues(new Uint8Array(65536)).length",
                        "65536"),
                JsCase.of(
                        "getRandomValues refuses float arrays",
                        "try { crypto.getRandomValues(new Float64Array(2)); } catch (e) { return e.name; }",
                        "TypeMismatchError"),
                JsCase.of(
                        "getRandomValues on a subarray touches only it",
                        "const a = new Uint8Array(8); crypto.getRandomValues(a.subarray(4, 5)); return a.slice(0, 4).every((x) => x === 0) && a.slice(5).every((x) => x === 0)",
                        "true"),
                JsCase.of(
                        "digest of an unknown algorithm",
                        "try { await crypto.subtle.digest('MD5', new Uint8Array()); } catch (e) { return e.name; }",
                        "NotSupportedError"),
                JsCase.of(
                        "digest returns a promise of ArrayBuffer",
                        "return (await crypto.subtle.digest('SHA-256', new ArrayBuffer(0))) instanceof ArrayBuffer",
                        "true"),
                JsCase.of(
                        "key metadata",
                        "const k = await crypto.subtle.importKey('raw', new Uint8Array(16), {name: 'hmac', hash: 'sha-256'}, false, ['sign']); return [k.type, k.extractable, k.algorithm, k.usages, String(k)]",
                        "[\"secret\",false,{\"name\":\"HMAC\",\"hash\":{\"name\":\"SHA-256\"},\"length\":128},[\"sign\"],\"[object CryptoKey]\"]"),
                JsCase.of(
                        "sign needs the sign usage",
                        "const k = await crypto.subtle.importKey('raw', new Uint8Array(16), {name: 'HMAC', hash: 'SHA-256'}, false, ['verify']); try { await crypto.subtle.sign('HMAC', k, new Uint8Array()); } catch (e) { return e.name; }",
                        "InvalidAccessError"),
                JsCase.of(
                        "bad usage is a SyntaxError",
                        "try { await crypto.subtle.importKey('raw', new Uint8Array(16), {name: 'HMAC', hash: 'SHA-256'}, false, ['encrypt']); } catch (e) { return e.name; }",
                        "SyntaxError"),
                JsCase.of(
                        "empty raw key is a DataError",
                        "try { await crypto.subtle.importKey('raw', new Uint8Array(0), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']); } catch (e) { return e.name; }",
                        "DataError"),
                JsCase.of(
                        "AES is not supported",
                        "try { await crypto.subtle.importKey('raw', new Uint8Array(16), {name: 'AES-GCM'}, false, ['encrypt']); } catch (e) { return e.name; }",
                        "NotSupportedError"),
                JsCase.of(
                        "non-extractable keys do not export",
                        "const k = await crypto.subtle.importKey('raw', new Uint8Array(16), {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']); try { await crypto.subtle.exportKey('raw', k); } catch (e) { return e.name; }",
                        "InvalidAccessError"),
                JsCase.of(
                        "jwk round trip",
                        "const k = await crypto.subtle.importKey('raw', new Uint8Array([1,2,3,250]), {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']); const j = await crypto.subtle.exportKey('jwk', k); const k2 = await crypto.subtle.importKey('jwk', j, {name: 'HMAC', hash: 'SHA-256'}, true, ['sign']); return [j.k, j.alg, [...new Uint8Array(await crypto.subtle.exportKey('raw', k2))]]",
                        "[\"AQID-g\",\"HS256\",[1,2,3,250]]"),
                JsCase.of(
                        "generateKey uses the hash block size",
                        "const k = await crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-512'}, true, ['sign', 'verify']); return (await crypto.subtle.exportKey('raw', k)).byteLength",
                        "128"),
                JsCase.of("CryptoKey cannot be constructed", "new CryptoKey()", "!TypeError: Illegal constructor"));
    }
}
