package fazt.scheduler.messaging;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.PeerInboxes;
import fazt.platform.nats.TraceContext;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.scheduler.domain.Runtime;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs attempts on runtime-svc with {@code svc.runtime.invoke}, watching the instance's heartbeats: an instance silent
 * for {@link RuntimeSubjects#HEARTBEAT_TIMEOUT_MILLIS} died (the attempt is lost, not failed); no instance at all is
 * lost too; past the run's timeout plus {@link #GRACE} the attempt failed. Classifies the answer as the contract says:
 * status below 500 succeeded, 500 or more or a problem failed.
 */
@Singleton
final class NatsRuntime implements Runtime {
    /** How long past the app's own timeout the scheduler waits for the runtime's answer. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How much longer NATS's request timer runs than the attempt's own deadline. */
    static final Duration NATS_TIMER_SLACK = Duration.ofSeconds(5);
    /** How long after the answer console lines of the attempt are still collected. */
    static final Duration LOG_SETTLE = Duration.ofMillis(150);

    private static final int ERROR_EXCERPT = 1024;

    private final Connection nats;
    private final SubjectRoot root;
    private final AttemptLogs logs;
    private final Dispatcher heartbeats;

    NatsRuntime(Connection nats, BootstrapSettings settings, AttemptLogs logs) {
        this.nats = nats;
        this.root = settings.root();
        this.logs = logs;
        this.heartbeats = nats.createDispatcher();
    }

    @Override
    public Outcome invoke(InvokeRequest request) {
        String inbox = PeerInboxes.progress(nats);
        AtomicLong lastBeat = new AtomicLong(System.nanoTime());
        AtomicReference<String> instance = new AtomicReference<>();
        Subscription beats = heartbeats.subscribe(inbox, m -> {
            lastBeat.set(System.nanoTime());
            if (m.getHeaders() != null && m.getHeaders().getFirst(RuntimeSubjects.HEADER_INSTANCE) != null) {
                instance.set(m.getHeaders().getFirst(RuntimeSubjects.HEADER_INSTANCE));
            }
        });
        logs.watch(request.requestId());
        try {
            Outcome outcome = await(request, inbox, lastBeat, instance);
            if (outcome.result() != Result.LOST) {
                Thread.sleep(LOG_SETTLE);
            }
            return new Outcome(
                    outcome.result(),
                    outcome.httpStatus(),
                    outcome.error(),
                    outcome.instance() != null ? outcome.instance() : instance.get(),
                    logs.collect(request.requestId()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(
                    Result.LOST,
                    null,
                    "the scheduler stopped during the attempt",
                    instance.get(),
                    logs.collect(request.requestId()));
        } finally {
            logs.collect(request.requestId());
            heartbeats.unsubscribe(beats);
        }
    }

    private Outcome await(InvokeRequest request, String inbox, AtomicLong lastBeat, AtomicReference<String> instance)
            throws InterruptedException {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(InvokeRequest.class));
        headers.put(FaztHeaders.TRACEPARENT, TraceContext.currentOrStart().header());
        headers.put(RuntimeSubjects.HEADER_PROGRESS, inbox);
        Duration deadline = Duration.ofMillis(request.timeoutMillis()).plus(GRACE);
        // NATS's own timer cancels the request; it runs longer than ours, so this loop decides what a timeout was.
        CompletableFuture<Message> reply = nats.requestWithTimeout(
                NatsMessage.builder()
                        .subject(root.qualify(RuntimeSubjects.INVOKE))
                        .headers(headers)
                        .data(MessageCodec.INSTANCE.encode(request))
                        .build(),
                deadline.plus(NATS_TIMER_SLACK));
        long sent = System.nanoTime();
        while (true) {
            try {
                return classify(reply.get(200, TimeUnit.MILLISECONDS), instance.get());
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (Duration.ofNanos(now - lastBeat.get()).toMillis() > RuntimeSubjects.HEARTBEAT_TIMEOUT_MILLIS) {
                    reply.cancel(true);
                    return new Outcome(
                            Result.LOST,
                            null,
                            "the runtime instance running the attempt stopped answering",
                            instance.get(),
                            null);
                }
                if (Duration.ofNanos(now - sent).compareTo(deadline) > 0) {
                    reply.cancel(true);
                    return new Outcome(
                            Result.FAILED,
                            null,
                            "no answer within the timeout of " + request.timeoutMillis() / 1000 + "s",
                            instance.get(),
                            null);
                }
            } catch (ExecutionException | CancellationException e) {
                if (Duration.ofNanos(System.nanoTime() - sent).compareTo(deadline) > 0) {
                    return new Outcome(
                            Result.FAILED,
                            null,
                            "no answer within the timeout of " + request.timeoutMillis() / 1000 + "s",
                            instance.get(),
                            null);
                }
                Throwable cause = e.getCause() == null ? e : e.getCause();
                boolean none = cause instanceof CancellationException
                        || (cause.getMessage() != null && cause.getMessage().contains("No Responders"));
                return new Outcome(
                        Result.LOST,
                        null,
                        none ? "no runtime is running" : "the invocation did not complete",
                        instance.get(),
                        null);
            }
        }
    }

    private static Outcome classify(Message reply, String instance) {
        if (reply.isStatusMessage() && reply.getStatus().getCode() == 503) {
            return new Outcome(Result.LOST, null, "no runtime is running", instance, null);
        }
        Headers h = reply.getHeaders();
        if (h != null && h.getFirst(FaztHeaders.SERVICE_ERROR_CODE) != null) {
            String code = h.getFirst(FaztHeaders.SERVICE_ERROR_CODE);
            String detail;
            try {
                Problem p = MessageCodec.INSTANCE.decode(reply.getData(), Problem.class);
                detail = p.detail() != null ? p.detail() : p.title();
            } catch (RuntimeException e) {
                detail = h.getFirst(FaztHeaders.SERVICE_ERROR);
            }
            Integer status = parse(code);
            return new Outcome(Result.FAILED, status, excerpt(detail), instance, null);
        }
        InvokeResponse response;
        try {
            response = MessageCodec.INSTANCE.decode(reply.getData(), InvokeResponse.class);
        } catch (RuntimeException e) {
            return new Outcome(Result.FAILED, null, "the runtime's answer was not an invoke response", instance, null);
        }
        String who = response.instance() != null ? response.instance() : instance;
        if (response.status() >= 500) {
            String body = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
            return new Outcome(
                    Result.FAILED,
                    response.status(),
                    excerpt("the handler answered " + response.status() + (body.isBlank() ? "" : ": " + body)),
                    who,
                    null);
        }
        return new Outcome(Result.SUCCEEDED, response.status(), null, who, null);
    }

    private static Integer parse(String code) {
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= ERROR_EXCERPT ? text : text.substring(0, ERROR_EXCERPT) + "…";
    }

    @PreDestroy
    void stop() {
        if (nats.getStatus() == Connection.Status.CONNECTED) {
            nats.closeDispatcher(heartbeats);
        }
    }
}
