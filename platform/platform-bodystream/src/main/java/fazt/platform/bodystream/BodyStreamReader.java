package fazt.platform.bodystream;

import fazt.platform.nats.FaztHeaders;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reading side of one chunk-pull body stream ({@link RuntimeSubjects}): pulls chunk 1, 2, 3, ... from the holder's
 * subject, one at a time, only when asked. {@link #pull()} is asynchronous (for Netty: never blocks the calling
 * thread); {@link #inputStream(byte[])} is the blocking form, the inline first chunk followed by the pulled rest.
 * Every failure is a {@link BodyStreamException} saying which stream and why: no responder (the holder is gone or
 * dropped the stream), no answer within the pull timeout, or the holder's problem.
 */
public final class BodyStreamReader {
    private final Connection nats;
    private final String subject;
    private final Duration pullTimeout;
    private long seq;
    private boolean ended;
    private boolean pulling;

    public BodyStreamReader(Connection nats, String subject, Duration pullTimeout) {
        this.nats = nats;
        this.subject = subject;
        this.pullTimeout = pullTimeout;
    }

    /** The subject this reader pulls from. */
    public String subject() {
        return subject;
    }

    /** True once the last chunk was received. */
    public synchronized boolean ended() {
        return ended;
    }

    /**
     * Tells the holder the rest is not wanted (the client left), so it drops the stream and closes its producer at
     * once; fire and forget. Later pulls complete with {@link Chunk#END}. Nothing is sent after the last chunk.
     */
    public void cancel() {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        Headers headers = new Headers();
        headers.put(RuntimeSubjects.HEADER_CANCEL, "true");
        try {
            nats.publish(NatsMessage.builder()
                    .subject(subject)
                    .headers(headers)
                    .data(new byte[0])
                    .build());
        } catch (RuntimeException e) {
            // not connected: the holder drops the stream after its idle time instead
        }
    }

    /**
     * Pulls the next chunk. Call again only after the previous pull completed; after the last chunk it completes with
     * {@link Chunk#END} without asking the holder.
     */
    public CompletableFuture<Chunk> pull() {
        long wanted;
        synchronized (this) {
            if (ended) {
                return CompletableFuture.completedFuture(Chunk.END);
            }
            if (pulling) {
                return CompletableFuture.failedFuture(new IllegalStateException("a pull is already in flight"));
            }
            pulling = true;
            wanted = ++seq;
        }
        Headers headers = new Headers();
        headers.put(RuntimeSubjects.HEADER_SEQ, Long.toString(wanted));
        Message message = NatsMessage.builder()
                .subject(subject)
                .headers(headers)
                .data(new byte[0])
                .build();
        CompletableFuture<Message> reply;
        try {
            reply = nats.requestWithTimeout(message, pullTimeout);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.orTimeout(pullTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((answer, failure) -> {
            synchronized (this) {
                pulling = false;
            }
            if (failure != null) {
                throw new CompletionException(translate(wanted, failure));
            }
            Chunk chunk = decode(wanted, answer);
            if (chunk.last()) {
                synchronized (this) {
                    ended = true;
                }
            }
            return chunk;
        });
    }

    private BodyStreamException translate(long wanted, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CancellationException
                || (cause.getMessage() != null && cause.getMessage().contains("No Responders"))) {
            return noResponder(wanted);
        }
        if (cause instanceof TimeoutException) {
            return new BodyStreamException(
                    "body stream " + subject + ": chunk " + wanted + " not received within " + pullTimeout.toMillis()
                            + " ms",
                    null);
        }
        return new BodyStreamException(
                "body stream " + subject + ": chunk " + wanted + " failed ("
                        + cause.getClass().getSimpleName() + ")",
                null);
    }

    private BodyStreamException noResponder(long wanted) {
        return new BodyStreamException(
                "body stream " + subject + ": no responder for chunk " + wanted
                        + " (its holder is gone or dropped the stream)",
                null);
    }

    private Chunk decode(long wanted, Message answer) {
        if (answer.isStatusMessage() && answer.getStatus().getCode() == 503) {
            throw new CompletionException(noResponder(wanted));
        }
        Headers headers = answer.getHeaders();
        if (headers != null && headers.getFirst(FaztHeaders.SERVICE_ERROR_CODE) != null) {
            Problem problem;
            try {
                problem = MessageCodec.INSTANCE.decode(answer.getData(), Problem.class);
            } catch (MessageCodec.MalformedMessageException e) {
                problem = Problem.of(
                        502,
                        "platform/body-stream-failed",
                        "Body stream failed",
                        headers.getFirst(FaztHeaders.SERVICE_ERROR));
            }
            throw new CompletionException(new BodyStreamException(
                    "body stream " + subject + ": chunk " + wanted
                            + " refused: " + problem.status() + " " + problem.title()
                            + (problem.detail() == null ? "" : " (" + problem.detail() + ")"),
                    problem));
        }
        boolean last = headers != null && "true".equalsIgnoreCase(headers.getFirst(RuntimeSubjects.HEADER_LAST));
        return new Chunk(answer.getData(), last);
    }

    /**
     * The whole body as a blocking stream: {@code first} (the inline chunk, may be null), then the pulled chunks.
     * Each {@code read} that needs a new chunk blocks for one pull (at most the pull timeout).
     */
    public InputStream inputStream(byte[] first) {
        return new PulledInputStream(this, first);
    }

    /** The inline chunk, then pulls; not thread-safe, as input streams are not. */
    private static final class PulledInputStream extends InputStream {
        private final BodyStreamReader reader;
        private byte[] buffer;
        private int position;
        private boolean closed;

        PulledInputStream(BodyStreamReader reader, byte[] first) {
            this.reader = reader;
            this.buffer = first == null ? new byte[0] : first;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            if (closed) {
                throw new IOException("stream closed");
            }
            if (length == 0) {
                return 0;
            }
            while (position >= buffer.length) {
                if (reader.ended()) {
                    return -1;
                }
                buffer = await(reader.pull()).data();
                position = 0;
            }
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return closed ? 0 : buffer.length - position;
        }

        @Override
        public void close() {
            closed = true;
            buffer = new byte[0];
        }

        private static Chunk await(CompletableFuture<Chunk> pull) throws IOException {
            try {
                return pull.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while pulling a body chunk");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            }
        }
    }
}
