package fazt.runtime.observe;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one subject in a JetStream stream, read forwards from a sequence or an instant through short-lived
 * ephemeral consumers (no acks, deleted after use, and removed by the server after {@link #INACTIVE} if a reader dies).
 * A freshly created consumer tells how many messages of the subject lie ahead of its start; {@link #startOfLast} uses
 * that count to find where the last n messages begin without reading them, so "newest first" costs a binary search
 * of a few consumer creations rather than a scan of the whole subject.
 *
 * <p>Reading state lives in the stream, never in this instance, so every runtime-svc instance answers alike. One
 * instance serves one admin call (not thread-safe).
 */
final class SubjectHistory {
    /** One stored message: its stream sequence, when the stream stored it, and its payload. */
    record Entry(long seq, Instant stored, byte[] data) {}

    /** How long an abandoned consumer lives on the server. */
    static final Duration INACTIVE = Duration.ofSeconds(30);
    /** Messages asked for in one pull. */
    private static final int BATCH = 500;

    private final Connection nats;
    private final String stream;
    private final String subject;
    private StreamContext context;

    SubjectHistory(Connection nats, String stream, String subject) {
        this.nats = nats;
        this.stream = stream;
        this.subject = subject;
    }

    /** The stream's context, made once: making one asks the server about the stream. */
    private StreamContext context() throws IOException, JetStreamApiException {
        if (context == null) {
            context = nats.getStreamContext(stream);
        }
        return context;
    }

    /** A reader at the first message of the subject with sequence {@code seq} or later. */
    Reader fromSequence(long seq) {
        return open(ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(Math.max(1, seq)));
    }

    /** A reader at the first message of the subject stored at {@code at} or later. */
    Reader fromTime(Instant at) {
        return open(ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(at.atZone(ZoneOffset.UTC)));
    }

    /** How many messages of the subject have sequence {@code seq} or later. */
    long countFrom(long seq) {
        try (Reader reader = fromSequence(seq)) {
            return reader.pending();
        }
    }

    /** The stream's sequence bounds (of all subjects), read before any consumer so nothing in between is missed. */
    StreamState streamState() {
        try {
            return context().getStreamInfo().getStreamState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new LogStoreException(e);
        }
    }

    /**
     * Where the last {@code n} messages of the subject before {@code before} (exclusive) start: a sequence and how many
     * messages of the subject lie in {@code [start, before)}, at least {@code n} and at most {@link #slack} more (the
     * caller reads them and keeps the last {@code n}); or the subject's first message and all of them when there are
     * fewer. Messages stored meanwhile all come after {@code before} and do not count.
     *
     * <p>The search keeps {@code count[lo, before) >= n > count[hi, before)} and guesses the next probe by
     * interpolating the counts at both ends, which lands close at once when the app's messages are spread evenly over
     * the stream; every other probe halves the interval instead, so a lopsided stream still costs at most about
     * 2 × log2(before − first) probes.
     */
    Span startOfLast(long n, long before, long firstSeq) {
        long behind = countFrom(before);
        long lo = Math.max(1, firstSeq);
        if (lo >= before) {
            return new Span(lo, 0);
        }
        long atLo = countFrom(lo) - behind;
        if (atLo < n) {
            return new Span(lo, atLo);
        }
        long hi = before;
        long atHi = 0;
        boolean interpolate = true;
        while (hi - lo > 1 && atLo > n + slack(n)) {
            long mid;
            if (interpolate && atLo > atHi) {
                mid = lo + (long) ((double) (hi - lo) * (atLo - n) / (atLo - atHi));
                mid = Math.min(hi - 1, Math.max(lo + 1, mid));
            } else {
                mid = lo + (hi - lo) / 2;
            }
            interpolate = !interpolate;
            long atMid = countFrom(mid) - behind;
            if (atMid >= n) {
                lo = mid;
                atLo = atMid;
            } else {
                hi = mid;
                atHi = atMid;
            }
        }
        return new Span(lo, atLo);
    }

    /** How many messages beyond {@code n} a {@link Span} may hold: reading a few more is cheaper than another probe. */
    static long slack(long n) {
        return Math.max(16, n / 8);
    }

    /** A start sequence and how many messages of the subject lie from there to the searched bound. */
    record Span(long start, long count) {}

    private Reader open(ConsumerConfiguration.Builder config) {
        ConsumerConfiguration built = config.filterSubject(subject)
                .ackPolicy(AckPolicy.None)
                .inactiveThreshold(INACTIVE)
                .memStorage(true)
                .numReplicas(1)
                .build();
        try {
            StreamContext stream = context();
            ConsumerContext consumer = stream.createOrUpdateConsumer(built);
            return new Reader(stream, consumer, consumer.getCachedConsumerInfo());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new LogStoreException(e);
        }
    }

    /** A position in the subject; reads forwards; close it to delete its consumer. */
    static final class Reader implements AutoCloseable {
        private final StreamContext context;
        private final ConsumerContext consumer;
        private final String name;
        private long pending;

        private Reader(StreamContext context, ConsumerContext consumer, ConsumerInfo info) {
            this.context = context;
            this.consumer = consumer;
            this.name = info.getName();
            this.pending = info.getNumPending();
        }

        /** Messages of the subject ahead of this reader when it was created, less those read since. */
        long pending() {
            return pending;
        }

        /** Up to {@code max} next messages in stream order; fewer only when no more were stored. */
        List<Entry> read(int max) {
            List<Entry> entries = new ArrayList<>(Math.min(max, BATCH));
            try {
                while (entries.size() < max) {
                    int want = Math.min(BATCH, max - entries.size());
                    int got = 0;
                    // no-wait: the server sends what it has and ends the pull, so a short subject never stalls us.
                    try (FetchConsumer fetch = consumer.fetch(FetchConsumeOptions.builder()
                            .maxMessages(want)
                            .noWait()
                            .build())) {
                        for (Message m; (m = fetch.nextMessage()) != null; ) {
                            entries.add(new Entry(
                                    m.metaData().streamSequence(),
                                    m.metaData().timestamp().toInstant(),
                                    m.getData()));
                            got++;
                        }
                    }
                    if (got == 0) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogStoreException(e);
            } catch (Exception e) {
                // IOException, JetStreamApiException, a status error, or a failed close of the pull
                throw new LogStoreException(e);
            }
            pending = Math.max(0, pending - entries.size());
            return entries;
        }

        @Override
        public void close() {
            try {
                context.deleteConsumer(name);
            } catch (IOException | JetStreamApiException e) {
                // The server removes it after INACTIVE anyway.
            }
        }
    }

    /** JetStream refused or failed a read; the admin API answers 503. */
    static final class LogStoreException extends RuntimeException {
        LogStoreException(Exception cause) {
            super("log stream unavailable", cause);
        }
    }
}
