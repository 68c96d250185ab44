package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.AppChanged;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.runtime.InvokeRequest;
import fazt.runtime.invoke.FunctionCall;
import fazt.runtime.invoke.FunctionRunner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine end to end: code from storage, Request in, Response out, env, errors, warm and cold, app changes. */
class EngineIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    @Test
    void esModuleHandlerAnswersWithRequestDetailsAndEnv() throws Exception {
        runtime.env("hello", Map.of("GREETING", "hi", "API_KEY", "s3cret"));
        RuntimeHarness.App app = runtime.deploy("hello", "api/main.js", """
                export default {
                  async fetch(request, env, ctx) {
                    const url = new URL(request.url);
                    const body = await request.text();
                    return Response.json({ greeting: env.GREETING, hasKey: env.API_KEY === 's3cret', method: request.method,
                      path: url.pathname, q: url.searchParams.get('q'), body, agent: request.headers.get('x-test') },
                      { status: 201, headers: { 'x-app': 'hello' } });
                  }
                };
                """);
        RuntimeHarness.Response response =
                runtime.invoke(app, "POST", "/api/echo?q=1", "payload", new HttpHeader("X-Test", "yes"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("x-app")).isEqualTo("hello");
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.body())
                .isEqualTo("{\"greeting\":\"hi\",\"hasKey\":true,\"method\":\"POST\","
                        + "\"path\":\"/api/echo\",\"q\":\"1\",\"body\":\"payload\",\"agent\":\"yes\"}");
    }

    @Test
    void commonJsHandlerWithTimersAndStreamedBody() throws Exception {
        runtime.env("stream", Map.of());
        RuntimeHarness.App app = runtime.deploy("stream", "api/main.js", """
                const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
                module.exports = {
                  async fetch() {
                    await sleep(20);
                    let i = 0;
                    const stream = new ReadableStream({
                      async pull(controller) {
                        await sleep(5);
                        if (i === 3) { controller.close(); return; }
                        controller.enqueue(new TextEncoder().encode('chunk' + (i++) + ';'));
                      }
                    });
                    return new Response(stream, { headers: { 'content-type': 'text/plain' } });
                  }
                };
                """);
        RuntimeHarness.Response response = runtime.invoke(app, "GET", "/api/stream", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("chunk0;chunk1;chunk2;");
    }

    @Test
    void thrownErrorIs500WithFileLineAndColumnAndTheNextRequestWorks() throws Exception {
        runtime.env("thrower", Map.of());
        RuntimeHarness.App app = runtime.deploy("thrower", "api/main.js", """
                        import { check } from './lib/check.js';
                        export default {
                          fetch(request) {
                            if (new URL(request.url).pathname === '/api/ok') return new Response('fine');
                            return check();
                          }
                        };
                        """, "api/lib/check.js", """
                        export function check() {
                          const value = 1;
                          throw new Error('boom ' + value);
                        }
                        """);
        ProblemException failure =
                catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", "/api/fail", null));
        assertThat(failure.problem().status()).isEqualTo(500);
        assertThat(failure.problem().type()).isEqualTo("https://errors.fazt.dev/runtime/script-error");
        assertThat(failure.problem().detail()).isEqualTo("Error: boom 1 (api/lib/check.js:3:9)");
        assertThat(runtime.invoke(app, "GET", "/api/ok", null).body()).isEqualTo("fine");
        Eventually.within(
                Duration.ofSeconds(5), () -> assertThat(runtime.logLines).anySatisfy(line -> {
                    assertThat(line.appId()).isEqualTo("thrower");
                    assertThat(line.level()).isEqualTo("error");
                    assertThat(line.message()).contains("boom 1").contains("api/lib/check.js:3:9");
                }));
    }

    @Test
    void rejectedPromiseAndNonResponseAreReported() throws Exception {
        runtime.env("rejecter", Map.of());
        RuntimeHarness.App app = runtime.deploy("rejecter", "api/main.js", """
                export default {
                  async fetch(request) {
                    await null;
                    if (request.url.endsWith('/plain')) return 'not a response';
                    null.property;
                  }
                };
                """);
        ProblemException typeError =
                catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", "/api/x", null));
        assertThat(typeError.problem().detail()).startsWith("TypeError: ").contains("api/main.js:5:");
        ProblemException notResponse =
                catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", "/api/plain", null));
        assertThat(notResponse.problem().detail()).isEqualTo("the fetch handler must return a Response, got string");
    }

    @Test
    void consoleOutputReachesTheAppLogWithTheRequestId() throws Exception {
        runtime.env("chatty", Map.of("SECRET", "do-not-log-me"));
        RuntimeHarness.App app = runtime.deploy("chatty", "api/main.js", """
                export default { fetch(request, env) { console.log('hello', { n: 1 }); console.warn('careful'); return new Response('ok'); } };
                """);
        RuntimeHarness.Response response = runtime.invoke(app, "GET", "/api/", null);
        Eventually.within(Duration.ofSeconds(5), () -> {
            assertThat(runtime.logLines).anySatisfy(line -> {
                assertThat(line.requestId()).isEqualTo(response.requestId());
                assertThat(line.level()).isEqualTo("info");
                assertThat(line.message()).contains("hello");
            });
            assertThat(runtime.logLines)
                    .anySatisfy(line -> assertThat(line.level()).isEqualTo("warn"));
            assertThat(runtime.records).anySatisfy(record -> {
                assertThat(record.requestId()).isEqualTo(response.requestId());
                assertThat(record.status()).isEqualTo(200);
                assertThat(record.path()).isEqualTo("/api/");
                assertThat(record.method()).isEqualTo("GET");
                assertThat(record.instance()).isNotBlank();
            });
        });
        assertThat(runtime.logLines)
                .noneSatisfy(line -> assertThat(line.message()).contains("do-not-log-me"));
    }

    @Test
    void contextsStayWarmAndAreDroppedWhenTheAppChanges() throws Exception {
        runtime.env("warm", Map.of("COLOR", "red"));
        RuntimeHarness.App app = runtime.deploy("warm", "api/main.js", """
                let count = 0;
                export default { fetch(request, env) { count++; return new Response(env.COLOR + ':' + count); } };
                """);
        RuntimeHarness.Response first = runtime.invoke(app, "GET", "/api/", null);
        RuntimeHarness.Response second = runtime.invoke(app, "GET", "/api/", null);
        assertThat(first.cold()).isTrue();
        assertThat(first.body()).isEqualTo("red:1");
        assertThat(second.cold()).isFalse();
        assertThat(second.body()).isEqualTo("red:2");

        runtime.env("warm", Map.of("COLOR", "blue"));
        runtime.publishChange("warm", AppChanged.Change.ENV_CHANGED, app.version());
        Eventually.within(Duration.ofSeconds(5), () -> {
            RuntimeHarness.Response after = runtime.invoke(app, "GET", "/api/", null);
            assertThat(after.body()).isEqualTo("blue:1");
            assertThat(after.cold()).isTrue();
        });
    }

    @Test
    void versionWithoutServerCodeIs404() throws Exception {
        runtime.env("static", Map.of());
        RuntimeHarness.App app = runtime.deploy("static", "index.html", "<p>hi</p>");
        ProblemException failure =
                catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", "/api/", null));
        assertThat(failure.problem().status()).isEqualTo(404);
    }

    @Test
    void appsCannotSeeEachOthersGlobals() throws Exception {
        runtime.env("app-a", Map.of());
        runtime.env("app-b", Map.of());
        RuntimeHarness.App a = runtime.deploy("app-a", "api/main.js", """
                globalThis.shared = 'from A';
                export default { fetch() { return new Response(String(globalThis.shared)); } };
                """);
        RuntimeHarness.App b = runtime.deploy("app-b", "api/main.js", """
                export default { fetch() { return new Response(String(globalThis.shared) + ':' + typeof Java + ':' + typeof Polyglot + ':' + typeof Graal); } };
                """);
        assertThat(runtime.invoke(a, "GET", "/api/", null).body()).isEqualTo("from A");
        assertThat(runtime.invoke(b, "GET", "/api/", null).body()).isEqualTo("undefined:undefined:undefined:undefined");
    }

    @Test
    void appCodeSeesExactlyTheStandardAndWebGlobalsAndNoWayToMakeARealm() throws Exception {
        runtime.env("globals", Map.of());
        RuntimeHarness.App app =
                runtime.deploy("globals", "api/main.js", """
                import lib from './lib.cjs';
                const names = Object.getOwnPropertyNames(globalThis).sort();
                const symbols = Object.getOwnPropertySymbols(globalThis).map(String);
                const hostNames = ['Java', 'Graal', 'Polyglot', 'Packages', 'java', 'javax', 'load', 'loadWithNewGlobal',
                  'print', 'printErr', 'quit', 'read', 'readbuffer', 'ShadowRealm', 'Realm', 'Debug', 'Interop', 'arguments'];
                export default { fetch() {
                  const types = hostNames.map((n) => n + ':' + eval('typeof ' + n));
                  const realm = (0, eval)('this') === globalThis && new Function('return typeof Java')();
                  return Response.json({ lib, names, symbols, types, realm });
                } };
                """, "api/lib.cjs", "module.exports = 'cjs';");
        Map<?, ?> seen = MessageCodec.INSTANCE
                .mapper()
                .readValue(runtime.invoke(app, "GET", "/api/", null).body(), Map.class);
        assertThat(seen.get("lib")).isEqualTo("cjs");
        assertThat(seen.get("names")).isEqualTo(List.of(ALLOWED_GLOBALS.split(",")));
        assertThat(seen.get("symbols")).isEqualTo(List.of("Symbol(Symbol.toStringTag)"));
        assertThat((List<?>) seen.get("types"))
                .allSatisfy(type -> assertThat((String) type).endsWith(":undefined"));
        assertThat(seen.get("realm")).isEqualTo("undefined");
    }

    /** What app code finds on its global scope: ECMAScript's globals and the web globals, nothing of the host. */
    private static final String ALLOWED_GLOBALS =
            "AbortController,AbortSignal,AggregateError,Array,ArrayBuffer,Atomics,BigInt,BigInt64Array,"
                    + "BigUint64Array,Blob,Boolean,CryptoKey,CustomEvent,DOMException,DataView,Date,Error,"
                    + "EvalError,Event,EventTarget,File,FinalizationRegistry,Float16Array,Float32Array,"
                    + "Float64Array,FormData,Function,Headers,Infinity,Int16Array,Int32Array,Int8Array,Intl,"
                    + "Iterator,JSON,Map,Math,NaN,Number,Object,Promise,Proxy,RangeError,ReadableStream,"
                    + "ReadableStreamDefaultController,ReadableStreamDefaultReader,ReferenceError,Reflect,RegExp,"
                    + "Request,Response,Set,SharedArrayBuffer,String,Symbol,SyntaxError,TextDecoder,TextEncoder,"
                    + "TransformStream,TypeError,URIError,URL,URLSearchParams,Uint16Array,Uint32Array,Uint8Array,"
                    + "Uint8ClampedArray,WeakMap,WeakRef,WeakSet,WritableStream,WritableStreamDefaultWriter,atob,"
                    + "btoa,clearInterval,clearTimeout,console,crypto,decodeURI,decodeURIComponent,encodeURI,"
                    + "encodeURIComponent,escape,eval,fetch,globalThis,isFinite,isNaN,navigator,parseFloat,"
                    + "parseInt,performance,queueMicrotask,setInterval,setTimeout,structuredClone,undefined,"
                    + "unescape";

    @Test
    void oneAppFloodingItsLogIsCutAtItsBudgetAndAnotherAppsLinesStay() throws Exception {
        runtime.env("log-flood", Map.of());
        runtime.env("log-quiet", Map.of());
        RuntimeHarness.App flood = runtime.deploy("log-flood", "api/main.js", """
                const big = 'x'.repeat(8000);
                export default { fetch() { for (let i = 0; i < 500; i++) console.log(i + big); return new Response('ok'); } };
                """);
        RuntimeHarness.App quiet = runtime.deploy("log-quiet", "api/main.js", """
                export default { fetch(request) { console.log('quiet ' + new URL(request.url).pathname); return new Response('ok'); } };
                """);
        runtime.invoke(quiet, "GET", "/api/before", null);
        runtime.invoke(flood, "GET", "/api/", null);
        runtime.invoke(flood, "GET", "/api/", null);
        runtime.invoke(quiet, "GET", "/api/after", null);
        Eventually.within(Duration.ofSeconds(10), () -> {
            assertThat(runtime.logLines)
                    .filteredOn(line -> line.appId().equals("log-quiet"))
                    .extracting(line -> line.message())
                    .contains("quiet /api/before", "quiet /api/after");
            assertThat(runtime.logLines)
                    .filteredOn(line -> line.appId().equals("log-flood"))
                    .anySatisfy(line -> assertThat(line.message()).contains("its log lines are dropped until"));
        });
        long floodBytes = runtime.logLines.stream()
                .filter(line -> line.appId().equals("log-flood"))
                .mapToLong(line -> line.message().length())
                .sum();
        assertThat(floodBytes).isBetween(AppLogBudget.BYTES_PER_MINUTE / 2, AppLogBudget.BYTES_PER_MINUTE);
    }

    @Test
    void uuidAndFetchRefusalsWorkInsideHandlers() throws Exception {
        runtime.env("uuid", Map.of());
        RuntimeHarness.App app = runtime.deploy("uuid", "api/main.js", """
                import { v4, v7, validate, version } from 'uuid';
                async function refused(url) {
                  try { await fetch(url); return 'fetched'; } catch (e) { return e.name + ': ' + e.message; }
                }
                export default {
                  async fetch() {
                    const a = v4(), b = v7();
                    return Response.json({ a, b, ok: validate(a) && validate(b), versions: [version(a), version(b)],
                      loopback: await refused('http://127.0.0.1:9/'), metadata: await refused('http://169.254.169.254/latest'),
                      ipv6: await refused('http://[::1]/'), private: await refused('http://10.0.0.1/') });
                  }
                };
                """);
        var json = MessageCodec.INSTANCE
                .mapper()
                .readTree(runtime.invoke(app, "GET", "/api/", null).body());
        assertThat(json.path("a").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.path("b").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(json.path("versions").toString()).isEqualTo("[4,7]");
        assertThat(json.path("loopback").asText()).startsWith("TypeError: ").contains("refused");
        assertThat(json.path("metadata").asText()).startsWith("TypeError: ").contains("refused");
        assertThat(json.path("ipv6").asText()).startsWith("TypeError: ").contains("refused");
        assertThat(json.path("private").asText()).startsWith("TypeError: ").contains("refused");
    }

    @Test
    void clientThatStopsReadingCancelsTheStreamAndAbortsRequestSignal() throws Exception {
        runtime.env("endless", Map.of());
        RuntimeHarness.App app = runtime.deploy("endless", "api/main.js", """
                export default {
                  fetch(request) {
                    request.signal.addEventListener('abort', () => console.log('request aborted: ' + request.signal.reason.name));
                    let n = 0;
                    const stream = new ReadableStream({
                      pull(controller) { controller.enqueue(new TextEncoder().encode('tick' + (n++) + ';')); },
                      cancel() { console.log('stream cancelled after ' + n); },
                    });
                    return new Response(stream);
                  }
                };
                """);
        InvokeRequest request = new InvokeRequest(
                "req-endless",
                "endless",
                "endless",
                app.version(),
                app.namespace(),
                "http",
                "GET",
                "https://endless.example.test/api/",
                List.of(),
                null,
                null,
                0,
                "203.0.113.9",
                30_000);
        var result = runtime.bean(FunctionRunner.class).run(new FunctionCall(request, InputStream.nullInputStream()));
        try (var body = result.body()) {
            assertThat(new String(body.next(1024), StandardCharsets.UTF_8)).isEqualTo("tick0;");
        }
        Eventually.within(Duration.ofSeconds(5), () -> {
            assertThat(runtime.logLines)
                    .anySatisfy(line -> assertThat(line.message()).startsWith("stream cancelled after"));
            assertThat(runtime.logLines)
                    .anySatisfy(line -> assertThat(line.message()).isEqualTo("request aborted: AbortError"));
        });
    }
}
