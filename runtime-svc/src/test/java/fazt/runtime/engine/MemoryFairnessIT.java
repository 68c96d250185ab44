package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import fazt.platform.nats.ProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.runtime.limits.MemoryPressure;
import fazt.runtime.limits.Watchdog;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ADR 0034: what an invocation makes the host hold counts against its own budget, host calls run a bounded number at
 * a time, heap pressure costs idle contexts first and then the invocation holding the most, and one app cannot keep
 * every invocation slot busy. Each abuse stops with a clean error while a bystander app keeps answering; the JVM
 * stays up (the test runs in it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryFairnessIT {
    static final int MAX_HOST_CALLS = 8;
    static final int BIG_BODY = 4 << 20;

    static final TestSuite suite = RuntimeHarness.suite()
            .with("FAZT_RUNTIME_MEMORY_BUDGET_MB", "64")
            .with("FAZT_RUNTIME_MAX_INVOCATIONS", "8")
            .with("FAZT_RUNTIME_MAX_HOST_CALLS", Integer.toString(MAX_HOST_CALLS))
            .with("FAZT_RUNTIME_FETCH_ALLOW_HOSTS", "127.0.0.1");

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    static HttpServer server;
    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger maxInFlight = new AtomicInteger();
    static final AtomicInteger blocked = new AtomicInteger();
    static final AtomicInteger held = new AtomicInteger();
    static volatile CountDownLatch unblock = new CountDownLatch(0);
    static RuntimeHarness.App bystander;

    @BeforeAll
    static void startServerAndBystander() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] big = new byte[BIG_BODY];
        server.createContext("/big", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try (exchange) {
                Thread.sleep(20); // so that parallel fetches overlap
                exchange.sendResponseHeaders(200, big.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(big);
                }
            } catch (InterruptedException | java.io.IOException e) {
                // the client went away
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.createContext("/small", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try (exchange) {
                Thread.sleep(20);
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.createContext("/held", exchange -> {
            held.incrementAndGet();
            try (exchange) {
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.createContext("/block", exchange -> {
            blocked.incrementAndGet();
            try (exchange) {
                unblock.await(20, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        runtime.env("bystander", Map.of());
        bystander = runtime.deploy("bystander", "api/main.js", """
                export default { async fetch(request) {
                  if (new URL(request.url).pathname === '/api/slow') await new Promise((r) => setTimeout(r, 1500));
                  return new Response('still here');
                } };
                """);
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    static String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ProblemException fails(RuntimeHarness.App app, String path) {
        return catchThrowableOfType(ProblemException.class, () -> runtime.invoke(app, "GET", path, null));
    }

    private static void bystanderAnswers() throws Exception {
        RuntimeHarness.Response response = runtime.invoke(bystander, "GET", "/api/", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("still here");
    }

    @Test
    @Order(1)
    void heapPressureDropsTheBiggestIdleAppFirstThenCancelsTheInvocationHoldingTheMost() throws Exception {
        runtime.env("hoarder", Map.of());
        RuntimeHarness.App hoarder = runtime.deploy("hoarder", "api/main.js", """
                export default { async fetch(request) {
                  if (new URL(request.url).pathname === '/api/hold') {
                    const held = new Uint8Array(32 << 20).fill(1);
                    await fetch(new URL(request.url).searchParams.get('base') + '/held');
                    await new Promise((r) => setTimeout(r, 3000));
                    return new Response(String(held[7]));
                  }
                  globalThis.hoard ??= [];
                  globalThis.hoard.push(new Uint8Array(16 << 20).fill(1));
                  return new Response(String(globalThis.hoard.length));
                } };
                """);
        bystanderAnswers();
        for (int i = 1; i <= 3; i++) {
            assertThat(runtime.invoke(hoarder, "GET", "/api/", null).body()).isEqualTo(Integer.toString(i));
        }
        MemoryPressure pressure = runtime.bean(MemoryPressure.class);

        // idle memory goes first, the app holding the most first: the hoarder's context, not the bystander's
        assertThat(pressure.relieve(1)).isEqualTo(MemoryPressure.Outcome.DROPPED_IDLE);
        RuntimeHarness.Response fresh = runtime.invoke(hoarder, "GET", "/api/", null);
        assertThat(fresh.body()).isEqualTo("1");
        assertThat(fresh.cold()).isTrue();
        RuntimeHarness.Response warm = runtime.invoke(bystander, "GET", "/api/", null);
        assertThat(warm.cold()).isFalse();

        // with invocations running, the one holding the most is cancelled, not the small one beside it
        int heldBefore = held.get();
        CompletableFuture<RuntimeHarness.Response> small =
                CompletableFuture.supplyAsync(() -> call(bystander, "/api/slow"));
        CompletableFuture<ProblemException> big =
                CompletableFuture.supplyAsync(() -> fails(hoarder, "/api/hold?base=" + base()));
        Watchdog watchdog = runtime.bean(Watchdog.class);
        Eventually.within(
                Duration.ofSeconds(5), () -> assertThat(watchdog.running()).isEqualTo(2));
        // The hoarder holds its 32 MB once it asks for /held; before that it may hold too little to be cancelled.
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(held.get()).isGreaterThan(heldBefore));
        MemoryPressure.Outcome outcome;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            outcome = pressure.relieve(1); // idle contexts first, then the biggest invocation
            if (outcome == MemoryPressure.Outcome.NOTHING) {
                Thread.sleep(20); // its allocation is not counted yet: look again
            }
        } while (outcome != MemoryPressure.Outcome.CANCELLED && System.nanoTime() < deadline);
        assertThat(outcome).isEqualTo(MemoryPressure.Outcome.CANCELLED);
        ProblemException stopped = big.get(10, TimeUnit.SECONDS);
        assertThat(stopped).isNotNull();
        assertThat(stopped.problem().type()).endsWith("/runtime/memory-limit");
        assertThat(stopped.problem().detail()).contains("ran low on memory");
        RuntimeHarness.Response smallAnswer = small.get(10, TimeUnit.SECONDS);
        assertThat(smallAnswer.status()).isEqualTo(200);
        bystanderAnswers();
    }

    private static RuntimeHarness.Response call(RuntimeHarness.App app, String path) {
        try {
            return runtime.invoke(app, "GET", path, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(5)
    void aContextWhoseInvocationsAllocatedTwoBudgetsIsRecycledSoAHoardStaysBounded() throws Exception {
        runtime.env("keeper", Map.of());
        RuntimeHarness.App keeper = runtime.deploy("keeper", "api/main.js", """
                export default { async fetch() {
                  globalThis.hoard ??= [];
                  globalThis.hoard.push(new Uint8Array(16 << 20).fill(1));
                  return new Response(String(globalThis.hoard.length));
                } };
                """);
        int most = 0;
        boolean recycled = false;
        for (int i = 0; i < 12; i++) {
            int held = Integer.parseInt(
                    runtime.invoke(keeper, "GET", "/api/", null).body());
            recycled |= i > 0 && held == 1;
            most = Math.max(most, held);
        }
        // 2 × the 64 MB budget: a context is recycled after about 8 × 16 MB
        assertThat(recycled).isTrue();
        assertThat(most).isLessThanOrEqualTo(8);
        bystanderAnswers();
    }

    @Test
    @Order(2)
    void fiftyParallelLargeFetchesAreStoppedByTheInvocationsBudgetAndRunAFewAtATime() throws Exception {
        runtime.env("fetcher", Map.of());
        RuntimeHarness.App fetcher = runtime.deploy("fetcher", "api/main.js", """
                export default { async fetch(request) {
                  const base = new URL(request.url).searchParams.get('base');
                  const what = new URL(request.url).pathname === '/api/big' ? '/big' : '/small';
                  const n = what === '/big' ? 50 : 12;
                  const bodies = await Promise.all(Array.from({ length: n },
                      () => fetch(base + what).then((r) => r.arrayBuffer())));
                  return new Response(String(bodies.reduce((sum, b) => sum + b.byteLength, 0)));
                } };
                """);
        // more host calls than the cap wait their turn and all succeed
        maxInFlight.set(0);
        RuntimeHarness.Response small = runtime.invoke(fetcher, "GET", "/api/small?base=" + base(), null);
        assertThat(small.body()).isEqualTo("24");
        assertThat(maxInFlight.get()).isBetween(1, MAX_HOST_CALLS);

        // 50 × 4 MB does not fit a 64 MB budget: a clean error for this request only
        maxInFlight.set(0);
        ProblemException stopped = fails(fetcher, "/api/big?base=" + base());
        assertThat(stopped).isNotNull();
        assertThat(stopped.problem().status()).isEqualTo(500);
        assertThat(stopped.problem().detail()).contains("memory budget of 64 MB");
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(MAX_HOST_CALLS);
        bystanderAnswers();
        assertThat(runtime.invoke(fetcher, "GET", "/api/small?base=" + base(), null)
                        .body())
                .isEqualTo("24");
    }

    @Test
    @Order(3)
    void twentyParallelReadsOfABigFileAreStoppedByTheInvocationsBudget() throws Exception {
        runtime.env("reader", Map.of());
        RuntimeHarness.App reader = runtime.deploy("reader", "api/main.js", """
                export default { async fetch(request, env) {
                  const path = new URL(request.url).pathname;
                  if (path === '/api/put') {
                    await env.FILES.put('big.bin', new Uint8Array(8 << 20).fill(3));
                    return new Response('stored');
                  }
                  const files = await Promise.all(Array.from({ length: 20 }, () => env.FILES.get('big.bin')));
                  return new Response(String(files.length));
                } };
                """);
        assertThat(runtime.invoke(reader, "GET", "/api/put", null).body()).isEqualTo("stored");
        ProblemException stopped = fails(reader, "/api/get");
        assertThat(stopped).isNotNull();
        assertThat(stopped.problem().status()).isEqualTo(500);
        assertThat(stopped.problem().detail()).contains("memory budget of 64 MB");
        bystanderAnswers();
    }

    @Test
    @Order(4)
    void oneAppCannotHoldMoreThanItsShareOfTheInvocations() throws Exception {
        runtime.env("flood", Map.of());
        RuntimeHarness.App flood = runtime.deploy("flood", "api/main.js", """
                export default { async fetch(request) {
                  const base = new URL(request.url).searchParams.get('base');
                  return new Response(await (await fetch(base + '/block')).text());
                } };
                """);
        unblock = new CountDownLatch(1);
        blocked.set(0);
        // 8 invocations, a share of 2: alone, the flood app may take all but the 2 kept for other apps
        List<CompletableFuture<RuntimeHarness.Response>> running = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            running.add(CompletableFuture.supplyAsync(() -> call(flood, "/api/?base=" + base())));
        }
        Eventually.within(
                Duration.ofSeconds(10), () -> assertThat(blocked.get()).isEqualTo(6));
        ProblemException refused = fails(flood, "/api/?base=" + base());
        assertThat(refused).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(429);
        assertThat(refused.problem().type()).endsWith("/runtime/app-busy");
        bystanderAnswers();
        unblock.countDown();
        for (CompletableFuture<RuntimeHarness.Response> each : running) {
            assertThat(each.get(10, TimeUnit.SECONDS).body()).isEqualTo("ok");
        }
        assertThat(blocked.get()).isEqualTo(6);
    }
}
