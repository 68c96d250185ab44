package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import fazt.proto.runtime.HttpHeader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JS side of {@code fetch}: what reaches the host, how responses and failures come back to the app. */
class FetchGlobalTest {
    private final JsHarness js = new JsHarness();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void sendsTheRequestToTheHostAndBuildsTheResponse() {
        js.fetchHandler = r -> new OutboundResponse(
                201,
                "Created",
                r.url() + "#final",
                true,
                List.of(
                        new HttpHeader("content-type", "application/json"),
                        new HttpHeader("set-cookie", "a=1"),
                        new HttpHeader("set-cookie", "b=2")),
                "{\"ok\":true,\"bytes\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8));
        String out = js.run("""
                const r = await fetch('https://api.example.com/v1?x=1', {method: 'POST', body: JSON.stringify({a: 1}),
                  headers: {'Content-Type': 'application/json', 'X-Key': 'k'}, redirect: 'manual'});
                return [r.status, r.statusText, r.ok, r.url, r.redirected, r.type, r.headers.getSetCookie(), await r.json()];
                """);
        assertThat(out)
                .isEqualTo(
                        "[201,\"Created\",true,\"https://api.example.com/v1?x=1#final\",true,\"basic\",[\"a=1\",\"b=2\"],{\"ok\":true,\"bytes\":\"\u00e9\"}]");
        OutboundRequest sent = js.fetches.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.url()).isEqualTo("https://api.example.com/v1?x=1");
        assertThat(sent.headers())
                .contains(new HttpHeader("content-type", "application/json"), new HttpHeader("x-key", "k"));
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(sent.redirect()).isEqualTo(OutboundRequest.Redirect.MANUAL);
    }

    @Test
    void sendsStreamAndBinaryBodies() {
        js.fetchHandler = r -> new OutboundResponse(200, "OK", r.url(), false, List.of(), r.body());
        assertThat(js.run("""
                const body = new ReadableStream({start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([255])); c.close(); }});
                const r = await fetch(new Request('http://e.com/', {method: 'PUT', body, duplex: 'half'}));
                return [...await r.bytes()];
                """)).isEqualTo("[1,2,255]");
    }

    @Test
    void hostFailuresRejectWithTypeError() {
        js.fetchHandler = r -> "fetch to 127.0.0.1 refused: loopback address";
        assertThat(
                        js.run(
                                "try { await fetch('http://127.0.0.1/'); } catch (e) { return [e instanceof TypeError, e.message]; }"))
                .isEqualTo("[true,\"fetch to 127.0.0.1 refused: loopback address\"]");
    }

    @Test
    void invalidInputRejectsWithoutReachingTheHost() {
        assertThat(js.run("return await fetch('/relative').catch((e) => e.name + ': ' + e.message)"))
                .isEqualTo("TypeError: Failed to construct 'Request': Failed to parse URL from /relative");
        assertThat(js.run("return await fetch('file:///etc/passwd').catch((e) => e.message)"))
                .isEqualTo("fetch failed: scheme \"file\" is not supported (only http and https)");
        assertThat(js.run("return await fetch('data:text/plain,hi').catch((e) => e.name)"))
                .isEqualTo("TypeError");
        assertThat(js.fetches).isEmpty();
    }

    @Test
    void abortRejectsWithTheReasonAndIgnoresTheLateResponse() {
        js.fetchHandler = r -> new OutboundResponse(200, "OK", r.url(), false, List.of(), new byte[0]);
        assertThat(js.run("return await fetch('http://e.com/', {signal: AbortSignal.abort('early')}).catch((e) => e)"))
                .isEqualTo("early");
        assertThat(js.fetches).isEmpty();
        // aborted after the host started the request: the promise rejects at once, the later response is dropped
        assertThat(js.run("""
                const ac = new AbortController();
                let settled = 0;
                const p = fetch('http://e.com/', {signal: ac.signal}).finally(() => settled++);
                for (let i = 0; i < 5; i++) await null;
                ac.abort();
                const reason = await p.catch((e) => e.name);
                await new Promise((r) => setTimeout(r, 5));
                return [reason, settled];
                """)).isEqualTo("[\"AbortError\",1]");
        assertThat(js.fetches).hasSize(1);
    }

    @Test
    void headResponsesHaveNoBody() {
        js.fetchHandler = r ->
                new OutboundResponse(200, "OK", r.url(), false, List.of(), "ignored".getBytes(StandardCharsets.UTF_8));
        assertThat(js.run("const r = await fetch('http://e.com/', {method: 'HEAD'}); return [r.body, await r.text()]"))
                .isEqualTo("[null,\"\"]");
    }

    @Test
    void endToEndThroughOutboundFetch() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ("hello " + ex.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            OutboundFetch allowLocal = new OutboundFetch(Set.of("127.0.0.1"), Duration.ofSeconds(2), 1 << 20);
            OutboundFetch strict = new OutboundFetch(Set.of(), Duration.ofSeconds(2), 1 << 20);
            FetchBudget budget = new FetchBudget(3);
            js.fetchHandler = r -> {
                try {
                    return (r.url().contains("allowed") ? allowLocal : strict).send(r, budget);
                } catch (FetchException e) {
                    return e.getMessage();
                }
            };
            assertThat(js.run("return await (await fetch('http://127.0.0.1:" + port + "/allowed')).text()"))
                    .isEqualTo("hello GET");
            assertThat(js.run(
                            "return await fetch('http://[::1]:" + port + "/').catch((e) => e.name + ': ' + e.message)"))
                    .isEqualTo("TypeError: fetch to ::1 refused: loopback address");
            assertThat(js.run("return await fetch('http://169.254.169.254/latest/').catch((e) => e.message)"))
                    .isEqualTo("fetch to 169.254.169.254 refused: cloud metadata address");
            assertThat(js.run("return await fetch('http://127.0.0.1:" + port + "/allowed').catch((e) => e.message)"))
                    .isEqualTo("fetch refused: this invocation already made its 3 outbound fetches");
        } finally {
            server.stop(0);
        }
    }
}
