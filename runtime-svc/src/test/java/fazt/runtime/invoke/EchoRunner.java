package fazt.runtime.invoke;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import fazt.proto.ServiceName;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.HttpHeader;
import fazt.runtime.RuntimeService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A {@link FunctionRunner} written in Java for the transport tests only, standing in for the JavaScript engine:
 * {@code /api/echo} streams the request body back (length unknown, so it goes as a body stream),
 * {@code /api/hello} answers a known small body, {@code /api/slow?ms=N} answers after N ms, {@code /api/fail} is an
 * app error, {@code /api/big-head} answers a 4 MB header, {@code /api/endless} a body that never ends.
 */
@Singleton
@Replaces(FunctionRunner.class)
@Requires(property = EchoRunner.PROPERTY, value = "echo")
final class EchoRunner implements FunctionRunner {
    /** Set only by {@link InvokeEndpointIT}'s service definition, so the engine's own tests keep the real runner. */
    static final String PROPERTY = "fazt.test.function-runner";

    /** The runtime service with this runner in place of the JavaScript engine. */
    static ServiceDefinition service() {
        RuntimeService runtime = new RuntimeService();
        return new ServiceDefinition() {
            @Override
            public ServiceName name() {
                return runtime.name();
            }

            @Override
            public List<Setting> settings() {
                // A setting of its own whose default selects this runner: the one way properties reach a context.
                return Stream.concat(
                                runtime.settings().stream(),
                                Stream.of(Setting.of(
                                                "FAZT_TEST_FUNCTION_RUNNER",
                                                SettingType.STRING,
                                                "echo",
                                                "the test's function runner")
                                        .mapsTo(PROPERTY)))
                        .toList();
            }
        };
    }

    /** Completes when the body of the latest {@code /api/endless} is closed (the reader cancelled it). */
    static volatile CompletableFuture<Void> endlessClosed = new CompletableFuture<>();

    @Override
    public FunctionResult run(FunctionCall call) {
        URI url = URI.create(call.request().url());
        try (InputStream body = call.body()) {
            return switch (url.getPath()) {
                case "/api/hello" ->
                    new FunctionResult(
                            200,
                            List.of(new HttpHeader("content-type", "text/plain")),
                            ResponseBody.of("hello".getBytes(StandardCharsets.UTF_8)),
                            false);
                case "/api/echo" -> {
                    byte[] all = body.readAllBytes();
                    yield new FunctionResult(
                            200,
                            List.of(new HttpHeader("x-length", Integer.toString(all.length))),
                            streamed(all),
                            false);
                }
                case "/api/slow" -> {
                    Thread.sleep(Long.parseLong(url.getQuery().substring("ms=".length())));
                    yield new FunctionResult(
                            200, List.of(), ResponseBody.of("done".getBytes(StandardCharsets.UTF_8)), true);
                }
                case "/api/endless" -> {
                    CompletableFuture<Void> closed = new CompletableFuture<>();
                    endlessClosed = closed;
                    yield new FunctionResult(200, List.of(), endless(closed), false);
                }
                case "/api/big-head" ->
                    new FunctionResult(
                            200,
                            List.of(new HttpHeader("x-big", "a".repeat(4 * 1024 * 1024))),
                            ResponseBody.of("body".getBytes(StandardCharsets.UTF_8)),
                            false);
                case "/api/fail" ->
                    throw new ProblemException(Problem.of(
                            500, "runtime/app-error", "App error", "TypeError: x is undefined at api/main.js:3:7"));
                default -> throw new ProblemException(Problem.of(404, "runtime/no-route", "Not found", url.getPath()));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body that never ends, in 100 KB pieces as pulled; {@code closed} completes when it is closed. */
    private static ResponseBody endless(CompletableFuture<Void> closed) {
        return new ResponseBody() {
            @Override
            public byte[] next(int maxBytes) {
                return new byte[Math.min(maxBytes, 100_000)];
            }

            @Override
            public void close() {
                closed.complete(null);
            }
        };
    }

    /** The bytes as a body of unknown length, produced in 100 KB pieces as pulled. */
    private static ResponseBody streamed(byte[] all) {
        return new ResponseBody() {
            private int offset;

            @Override
            public byte[] next(int maxBytes) {
                if (offset >= all.length) {
                    return null;
                }
                int n = Math.min(Math.min(maxBytes, 100_000), all.length - offset);
                offset += n;
                return Arrays.copyOfRange(all, offset - n, offset);
            }

            @Override
            public void close() {}
        };
    }
}
