package fazt.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.runtime.HttpHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the engine hands a request to the app and reads its response, as the invocation path will. */
class WebBridgeTest {
    private final JsHarness js = new JsHarness();
    private final WebBridge bridge = WebGlobals.bridge(js.context);

    @AfterEach
    void close() {
        js.close();
    }

    private static final List<HttpHeader> HEADERS = List.of(
            new HttpHeader("Content-Type", "text/plain"),
            new HttpHeader("X-Multi", "a"),
            new HttpHeader("x-multi", "b"));

    private Value handler(String body) {
        return js.eval("(async (request) => {\n" + body + "\n})");
    }

    /** Runs the handler as the engine will: call it, let the loop settle the promise, return its value. */
    private Value invoke(Value handler, Value request) {
        Value promise = handler.execute(request);
        Value[] result = new Value[1];
        promise.invokeMember("then", (ProxyExecutable) a -> result[0] = a[0]);
        js.drain();
        assertThat(result[0]).as("handler settled").isNotNull();
        return result[0];
    }

    @Test
    void buildsTheRequestTheHandlerSees() {
        Value request = bridge.newRequest(
                "POST", "https://blog.example.com/api/x?y=1", HEADERS, "hello".getBytes(StandardCharsets.UTF_8));
        Value result = invoke(handler("""
                let immutable;
                try { request.headers.set('a', 'b'); } catch (e) { immutable = e.name; }
                return [request.method, request.url, new URL(request.url).searchParams.get('y'),
                  request.headers.get('x-multi'), immutable, await request.text()].join('|');
                """), request);
        assertThat(result.asString()).isEqualTo("POST|https://blog.example.com/api/x?y=1|1|a, b|TypeError|hello");
    }

    @Test
    void dropsHeaderLinesTheFetchStandardRejects() {
        Value request = bridge.newRequest(
                "GET",
                "https://a.example/api/",
                List.of(
                        new HttpHeader("bad name", "x"),
                        new HttpHeader("ok", "fine"),
                        new HttpHeader("nul", "a\u0000b")),
                (byte[]) null);
        assertThat(invoke(handler("return JSON.stringify([...request.headers])"), request)
                        .asString())
                .isEqualTo("[[\"ok\",\"fine\"]]");
    }

    @Test
    void theHandlersRequestParsesItsUrlAndHeadersWhenFirstAskedAndCopiesSeeThem() {
        Value request = bridge.newRequest("get", "HTTPS://Blog.Example.com:443/a/../api?x=1", HEADERS, (byte[]) null);
        Value result = invoke(handler("""
                const copy = new Request(request);
                const clone = request.clone();
                return [request.method, copy.url, clone.url, request.url, copy.headers.get('x-multi'),
                  clone.headers.get('content-type'), copy.signal !== request.signal].join('|');
                """), request);
        assertThat(result.asString())
                .isEqualTo("GET|https://blog.example.com/api?x=1|https://blog.example.com/api?x=1"
                        + "|https://blog.example.com/api?x=1|a, b|text/plain|true");
    }

    @Test
    void abortingTheRequestReachesASignalTakenBeforeOrAfter() {
        Value request = bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null);
        Value before = js.eval(
                        "(r) => { const s = new Request(r).signal; return () => s.aborted + ' ' + r.signal.aborted; }")
                .execute(request);
        bridge.abortRequest(request, "gone");
        assertThat(before.execute().asString()).isEqualTo("true true");
    }

    @Test
    void aRequestWithoutBodyHasNullBody() {
        Value request = bridge.newRequest("GET", "https://a.example/api/", List.of(), (InputStream) null);
        assertThat(invoke(handler("return String(request.body) + ' ' + (await request.text()).length"), request)
                        .asString())
                .isEqualTo("null 0");
    }

    @Test
    void streamsTheRequestBodyOnDemand() {
        byte[] payload = new byte[200_000];
        new Random(7).nextBytes(payload);
        AtomicInteger reads = new AtomicInteger();
        InputStream in = new ByteArrayInputStream(payload) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }
        };
        Value request = bridge.newRequest("PUT", "https://a.example/api/upload", List.of(), in);
        assertThat(reads.get()).as("nothing read before the app asks").isZero();
        Value result = invoke(handler("""
                const sizes = [];
                let sum = 0;
                for await (const chunk of request.body) { sizes.push(chunk.length); for (const b of chunk) sum = (sum + b) % 65521; }
                return sizes.join(',') + ' ' + sum;
                """), request);
        int expectedSum = 0;
        for (byte b : payload) {
            expectedSum = (expectedSum + (b & 0xff)) % 65521;
        }
        assertThat(result.asString()).isEqualTo("65536,65536,65536,3392 " + expectedSum);
        assertThat(reads.get()).isEqualTo(5);
    }

    @Test
    void aFailingRequestBodyErrorsTheStream() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("transport gone");
            }
        };
        Value request = bridge.newRequest("POST", "https://a.example/api/", List.of(), broken);
        assertThat(invoke(
                                handler(
                                        "try { await request.text(); return 'read'; } catch (e) { return e.name + ': ' + e.message; }"),
                                request)
                        .asString())
                .isEqualTo("TypeError: The request body could not be read: the client connection failed");
    }

    @Test
    void readsAResponseWithAKnownBody() {
        Value response = invoke(
                handler(
                        "return Response.json({ok: true}, {status: 201, headers: [['Set-Cookie', 'a=1'], ['set-cookie', 'b=2']]})"),
                bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        ResponseHead head = bridge.readResponse(response);
        assertThat(head.status()).isEqualTo(201);
        assertThat(head.streaming()).isFalse();
        assertThat(new String(head.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(head.headers())
                .containsExactly(
                        new HttpHeader("set-cookie", "a=1"),
                        new HttpHeader("set-cookie", "b=2"),
                        new HttpHeader("content-type", "application/json"));
    }

    @Test
    void readsEmptyHeaderValuesAndABodyThatViewsPartOfABuffer() {
        Value response =
                invoke(handler("""
                const bytes = new TextEncoder().encode('xxhello');
                return new Response(bytes.subarray(2), {headers: [['x-empty', ''], ['x-last', 'v'], ['x-end', '']]});
                """), bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        ResponseHead head = bridge.readResponse(response);
        assertThat(new String(head.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(head.headers())
                .containsExactly(
                        new HttpHeader("x-empty", ""), new HttpHeader("x-last", "v"), new HttpHeader("x-end", ""));
    }

    @Test
    void readsAStreamedResponseChunkByChunk() {
        Value response =
                invoke(handler("""
                let i = 0;
                return new Response(new ReadableStream({
                  async pull(c) {
                    await new Promise((r) => setTimeout(r, 10));
                    if (++i > 3) c.close(); else c.enqueue(new TextEncoder().encode('part' + i + ';'));
                  }
                }), {headers: {'content-type': 'text/event-stream'}});
                """), bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        ResponseHead head = bridge.readResponse(response);
        assertThat(head.streaming()).isTrue();
        assertThat(head.bytes()).isNull();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        boolean[] done = {false};
        while (!done[0]) {
            bridge.readChunk(head.reader(), new ChunkSink() {
                @Override
                public void chunk(byte[] bytes) {
                    events.add("chunk");
                    body.writeBytes(bytes);
                }

                @Override
                public void end() {
                    events.add("end");
                    done[0] = true;
                }

                @Override
                public void error(String message) {
                    events.add("error " + message);
                    done[0] = true;
                }
            });
            js.drain(); // the chunk arrives after the app's timer: the engine keeps its loop running
        }
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("part1;part2;part3;");
        assertThat(events).containsExactly("chunk", "chunk", "chunk", "end");
    }

    /** Drains a streamed response through the bridge as the engine does; returns the body and the sink events. */
    private String drainStream(Value reader, List<String> events) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean[] done = {false};
        while (!done[0]) {
            bridge.readChunk(reader, new ChunkSink() {
                @Override
                public void chunk(byte[] bytes) {
                    events.add("chunk");
                    body.writeBytes(bytes);
                }

                @Override
                public void end() {
                    events.add("end");
                    done[0] = true;
                }

                @Override
                public void error(String message) {
                    events.add("error " + message);
                    done[0] = true;
                }
            });
            js.drain();
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    @Test
    void streamsServerSentEventsWrittenThroughATransformStream() {
        // the shape of Hono's streamSSE: a writer feeding a TransformStream whose readable is the response body
        Value response = invoke(
                handler("""
                const {readable, writable} = new TransformStream();
                const writer = writable.getWriter();
                const enc = new TextEncoder();
                (async () => {
                  for (let i = 1; i <= 3; i++) {
                    await writer.ready;
                    await writer.write(enc.encode(`data: ${i}\\n\\n`));
                    await new Promise((r) => setTimeout(r, 5));
                  }
                  await writer.close();
                })();
                return new Response(readable, {headers: {'content-type': 'text/event-stream'}});
                """), bridge.newRequest("GET", "https://a.example/api/events", List.of(), (byte[]) null));
        ResponseHead head = bridge.readResponse(response);
        List<String> events = new ArrayList<>();
        assertThat(drainStream(head.reader(), events)).isEqualTo("data: 1\n\ndata: 2\n\ndata: 3\n\n");
        assertThat(events).containsExactly("chunk", "chunk", "chunk", "end");
    }

    @Test
    void reportsStreamErrorsAndBadChunks() {
        Value response = invoke(
                handler("return new Response(new ReadableStream({start(c) { c.enqueue('text, not bytes'); }}))"),
                bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        String[] error = new String[1];
        bridge.readChunk(bridge.readResponse(response).reader(), new ChunkSink() {
            @Override
            public void chunk(byte[] bytes) {}

            @Override
            public void end() {}

            @Override
            public void error(String message) {
                error[0] = message;
            }
        });
        js.drain();
        assertThat(error[0])
                .startsWith(
                        "TypeError: Response body stream chunks must be Uint8Array (or another BufferSource), got string");
    }

    @Test
    void cancelReachesTheAppsStream() {
        Value response =
                invoke(handler("""
                globalThis.cancelled = null;
                return new Response(new ReadableStream({pull(c) { c.enqueue(new Uint8Array(1)); }, cancel(r) { globalThis.cancelled = r.name; }}));
                """), bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        bridge.cancel(bridge.readResponse(response).reader(), "client went away");
        js.drain();
        assertThat(js.eval("globalThis.cancelled").asString()).isEqualTo("AbortError");
    }

    @Test
    void abortingTheRequestReachesTheAppsSignal() {
        js.fetchHandler = r -> new OutboundResponse(200, "OK", r.url(), false, List.of(), new byte[0]);
        Value request = bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null);
        Value pending = handler("""
                globalThis.seen = [];
                request.signal.addEventListener('abort', () => seen.push('abort ' + request.signal.reason.message));
                return fetch('https://upstream.example/', {signal: request.signal}).catch((e) => seen.push('fetch ' + e.name));
                """).execute(request);
        bridge.abortRequest(request, "client disconnected");
        js.drain();
        assertThat(js.eval("seen.join(', ')").asString()).isEqualTo("abort client disconnected, fetch AbortError");
        assertThat(pending).isNotNull();
    }

    @Test
    void refusesWhatIsNotAResponse() {
        Value notAResponse = invoke(
                handler("return {status: 200}"),
                bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        assertThatThrownBy(() -> bridge.readResponse(notAResponse))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the fetch handler must return a Response, got Object");
        Value used = invoke(
                handler("const r = new Response('x'); await r.text(); return r"),
                bridge.newRequest("GET", "https://a.example/api/", List.of(), (byte[]) null));
        assertThatThrownBy(() -> bridge.readResponse(used))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("body was already read");
    }

    @Test
    void worksInAConstrainedSandbox() {
        try (Engine engine = Engine.newBuilder("js")
                        .sandbox(SandboxPolicy.CONSTRAINED)
                        .option("engine.WarnInterpreterOnly", "false")
                        .out(new ByteArrayOutputStream())
                        .err(new ByteArrayOutputStream())
                        .build();
                Context context = Context.newBuilder("js")
                        .engine(engine)
                        .sandbox(SandboxPolicy.CONSTRAINED)
                        .allowHostAccess(HostAccess.CONSTRAINED)
                        .out(new ByteArrayOutputStream())
                        .err(new ByteArrayOutputStream())
                        .build()) {
            List<String> logs = new ArrayList<>();
            WebGlobals.install(context, new WebHost() {
                @Override
                public void log(String level, String message) {
                    logs.add(level + " " + message);
                }

                @Override
                public long setTimer(long delayMillis, Value callback) {
                    callback.executeVoid();
                    return 1;
                }

                @Override
                public void clearTimer(long id) {}

                @Override
                public void fetch(OutboundRequest request, Value resolve, Value reject) {
                    FetchCallbacks.reject(reject, "no network here");
                }
            });
            WebBridge constrained = WebGlobals.bridge(context);
            Value handler = context.eval(
                    "js",
                    "async (req) => { console.log('hi', new URL(req.url).pathname); "
                            + "const h = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('x')); "
                            + "return new Response(btoa(String.fromCharCode(...new Uint8Array(h))).slice(0, 8)); }");
            Value[] result = new Value[1];
            handler.execute(constrained.newRequest("GET", "https://a.example/api/p", List.of(), (byte[]) null))
                    .invokeMember("then", (ProxyExecutable) a -> result[0] = a[0]);
            ResponseHead head = constrained.readResponse(result[0]);
            assertThat(new String(head.bytes(), StandardCharsets.UTF_8)).isEqualTo("LXEWQrcm");
            assertThat(logs).containsExactly("info hi /api/p");
        }
    }
}
