package fazt.gateway.invoke;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.InvokeRequest;
import fazt.proto.runtime.InvokeResponse;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One attempt to have some runtime instance run a function request: sends the {@link InvokeRequest} to
 * {@link RuntimeSubjects#INVOKE} with a progress inbox, listens for the instance's heartbeats, and completes with the
 * {@link InvokeResponse}, a runtime problem ({@link NatsRequester.RemoteProblemException}), or an
 * {@link InvocationFailure}: no responder (at once), heartbeats silent for {@link RuntimeSubjects#HEARTBEAT_TIMEOUT_MILLIS}
 * (the instance died; with the number of beats heard, which tell whether it was running this request), or the deadline
 * passed. Nothing here blocks; the watchdog runs on the given scheduler.
 */
final class Invocation {
    /** How often the watchdog looks at the heartbeats and the deadline. */
    static final long WATCH_MILLIS = 200;
    /** Extra wait beyond the function's own wall time, so the runtime's 504 (with its detail) arrives first. */
    static final long GRACE_MILLIS = 1_000;

    private Invocation() {}

    static CompletableFuture<InvokeResponse> start(
            Connection nats,
            ProgressInbox beats,
            SubjectRoot root,
            InvokeRequest request,
            TraceContext trace,
            ScheduledExecutorService scheduler) {
        AtomicLong lastBeat = new AtomicLong(System.nanoTime());
        AtomicLong beatsHeard = new AtomicLong();
        AtomicReference<String> instance = new AtomicReference<>();
        ProgressInbox.Listening heard = beats.listen(beat -> {
            lastBeat.set(System.nanoTime());
            beatsHeard.incrementAndGet();
            if (instance.get() == null && beat.getHeaders() != null) {
                instance.set(beat.getHeaders().getFirst(RuntimeSubjects.HEADER_INSTANCE));
            }
        });
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(InvokeRequest.class));
        headers.put(FaztHeaders.TRACEPARENT, trace.header());
        headers.put(RuntimeSubjects.HEADER_PROGRESS, heard.subject());
        long waitMillis = request.timeoutMillis() + GRACE_MILLIS;
        CompletableFuture<InvokeResponse> result = new CompletableFuture<>();
        CompletableFuture<Message> reply;
        try {
            reply = nats.requestWithTimeout(
                    NatsMessage.builder()
                            .subject(root.qualify(RuntimeSubjects.INVOKE))
                            .headers(headers)
                            .data(MessageCodec.INSTANCE.encode(request))
                            .build(),
                    Duration.ofMillis(waitMillis + GRACE_MILLIS));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((message, failure) -> {
            if (failure != null) {
                result.completeExceptionally(translate(failure));
                return;
            }
            try {
                NatsRequester.failOnProblem(RuntimeSubjects.INVOKE, message);
                result.complete(MessageCodec.INSTANCE.decode(message.getData(), InvokeResponse.class));
            } catch (NatsRequester.NoResponderException e) {
                result.completeExceptionally(new InvocationFailure(InvocationFailure.Kind.UNAVAILABLE));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long silence = TimeUnit.MILLISECONDS.toNanos(RuntimeSubjects.HEARTBEAT_TIMEOUT_MILLIS);
        ScheduledFuture<?> watch = scheduler.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    if (now - lastBeat.get() > silence) {
                        result.completeExceptionally(new InvocationFailure(
                                InvocationFailure.Kind.INSTANCE_LOST, beatsHeard.get(), instance.get()));
                    } else if (now - deadline > 0) {
                        result.completeExceptionally(new InvocationFailure(InvocationFailure.Kind.TIMEOUT));
                    }
                },
                WATCH_MILLIS,
                WATCH_MILLIS,
                TimeUnit.MILLISECONDS);
        CompletableFuture<Message> sent = reply;
        result.whenComplete((response, failure) -> {
            watch.cancel(false);
            heard.close();
            if (failure != null) {
                sent.cancel(true);
            }
        });
        return result;
    }

    private static Throwable translate(Throwable failure) {
        Throwable cause = NatsRequester.causeOf(failure);
        if (cause instanceof CancellationException
                || (cause.getMessage() != null && cause.getMessage().contains("No Responders"))) {
            return new InvocationFailure(InvocationFailure.Kind.UNAVAILABLE);
        }
        if (cause instanceof TimeoutException) {
            return new InvocationFailure(InvocationFailure.Kind.TIMEOUT);
        }
        return cause;
    }
}
