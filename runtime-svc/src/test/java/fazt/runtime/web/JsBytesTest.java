package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bytes between Java and JavaScript ({@link JsBytes}): exact both ways, views and strings, native base64 where present. */
class JsBytesTest {
    private final JsHarness js = new JsHarness();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void bytesRoundTripFast() {
        byte[] big = new byte[2 * 1024 * 1024];
        new Random(1).nextBytes(big);
        for (int warm = 0; warm < 1; warm++) {
            JsBytes.toJava(JsBytes.toJs(js.context, big));
        }
        long t0 = System.nanoTime();
        Value u8 = JsBytes.toJs(js.context, big);
        long t1 = System.nanoTime();
        byte[] back = JsBytes.toJava(u8);
        long t2 = System.nanoTime();
        assertThat(back).isEqualTo(big);
        assertThat(u8.getMember("length").asInt()).isEqualTo(big.length);
        assertThat(JsBytes.toJava(js.eval("new Uint8Array([1,2,3,4,5]).subarray(1, 3)")))
                .containsExactly(2, 3);
        assertThat(JsBytes.toJava(js.eval("new DataView(new Uint8Array([9,8,7]).buffer, 2)")))
                .containsExactly(7);
        assertThat(JsBytes.toJava(js.eval("'\u00e9'"))).containsExactly(0xc3, 0xa9);
        System.out.printf(
                "JsBytes 2 MiB: Java->JS %d ms, JS->Java %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    @Test
    void bytesUseNativeBase64WhenTheEngineHasIt() {
        try (JsHarness staging = new JsHarness("staging")) {
            WebBridge b = WebGlobals.bridge(staging.context);
            assertThat(b.encode(new byte[] {0, -1})).isEqualTo("AP8=");
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            assertThat(JsBytes.toJava(JsBytes.toJs(staging.context, all))).isEqualTo(all);
            assertThat(JsBytes.toJava(JsBytes.toJs(staging.context, new byte[0])))
                    .isEmpty();
            byte[] big = new byte[2 * 1024 * 1024];
            new Random(2).nextBytes(big);
            JsBytes.toJs(staging.context, big);
            long t0 = System.nanoTime();
            Value u8 = JsBytes.toJs(staging.context, big);
            long t1 = System.nanoTime();
            assertThat(JsBytes.toJava(u8)).isEqualTo(big);
            System.out.printf("JsBytes 2 MiB with native base64: Java->JS %d ms%n", (t1 - t0) / 1_000_000);
            // long strings encode in Java there: same bytes as the JS encoder, lone surrogates included
            assertThat(
                            staging.run(
                                    "const s = 'h\u00e9\\ud800\\u{1F600}'.repeat(400); const a = new TextEncoder().encode(s); "
                                            + "let ok = true; const b = new TextEncoder().encode('h\u00e9\\ud800\\u{1F600}'); "
                                            + "for (let i = 0; i < a.length; i++) if (a[i] !== b[i % b.length]) ok = false; return [a.length, ok]"))
                    .isEqualTo("[4000,true]");
            Value request = b.newRequest("POST", "https://a.example/api/", List.of(), new byte[] {1, 2, (byte) 250});
            Value[] out = new Value[1];
            request.invokeMember("bytes").invokeMember("then", (ProxyExecutable) a -> out[0] = a[0]);
            assertThat(JsBytes.toJava(out[0])).containsExactly(1, 2, 250);
        }
    }
}
