package fazt.runtime.observe;

import fazt.proto.MessageCodec;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import io.nats.client.api.StreamState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One app's invocation records as the admin API shows them: the most recent ones newest first, and the figures of a
 * time window. Both read the invocation stream (never this instance's memory), so every instance answers alike, and
 * both are bounded: at most {@link #SCAN_CAP} records are read for one answer.
 */
@Singleton
final class InvocationHistory {
    /** Records read for one answer at most (about 300 bytes each: some 6 MB, well under a second). */
    static final int SCAN_CAP = 20_000;

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    /** The figures of one window; {@code sampled} when the window held more than {@link #SCAN_CAP} records. */
    record Window(
            String window,
            Instant from,
            long requests,
            long errors,
            long coldStarts,
            Long p50Ms,
            Long p95Ms,
            boolean sampled,
            long sampleSize) {
        static Window of(String name, Instant from, InvocationStats stats, boolean sampled, long sampleSize) {
            return new Window(
                    name,
                    from,
                    stats.requests(),
                    stats.errors(),
                    stats.coldStarts(),
                    stats.p50Ms(),
                    stats.p95Ms(),
                    sampled,
                    sampleSize);
        }
    }

    /** Most recent records, newest first; {@code truncated} when the scan cap stopped the search early. */
    record Recent(List<InvocationRecord> requests, boolean truncated) {}

    private final Connection nats;
    private final LogStreams streams;
    private final Clock clock;
    private final int scanCap;

    @Inject
    InvocationHistory(Connection nats, LogStreams streams) {
        this(nats, streams, SCAN_CAP);
    }

    /** With a smaller scan cap, so tests can reach the sampled case with a few records. */
    InvocationHistory(Connection nats, LogStreams streams, int scanCap) {
        this.nats = nats;
        this.streams = streams;
        this.clock = Clock.systemUTC();
        this.scanCap = scanCap;
    }

    /**
     * The {@code limit} most recent records that {@code filter} keeps, newest first. Walks back in blocks: each block
     * is located by {@link SubjectHistory#startOfLast} and read forwards, until enough are found, the subject's
     * start is reached, or {@link #SCAN_CAP} records were read (then {@code truncated}).
     */
    Recent recent(String appId, int limit, Predicate<InvocationRecord> filter, boolean filtered) {
        SubjectHistory history = history(appId);
        StreamState state = history.streamState();
        long first = state.getFirstSequence();
        long before = state.getLastSequence() + 1;
        List<InvocationRecord> found = new ArrayList<>();
        long read = 0;
        // A filter may keep few records: start with a few times the limit and grow the blocks fourfold, so a
        // rare status costs a handful of searches however far back it lies.
        long block = filtered ? Math.max(200, 4L * limit) : limit;
        while (found.size() < limit && before > Math.max(1, first)) {
            if (read >= scanCap) {
                return new Recent(found, true);
            }
            long want = Math.min(scanCap - read, filtered ? block : limit - found.size());
            SubjectHistory.Span span = history.startOfLast(want, before, first);
            List<SubjectHistory.Entry> entries;
            try (SubjectHistory.Reader reader = history.fromSequence(span.start())) {
                long upTo = before;
                entries = reader.read((int) Math.min(span.count(), reader.pending())).stream()
                        .filter(e -> e.seq() < upTo)
                        .toList();
            }
            if (entries.isEmpty()) {
                break;
            }
            // The span may start a little earlier than asked: keep the newest `want`, the rest is the next block's.
            entries = entries.subList((int) Math.max(0, entries.size() - want), entries.size());
            read += entries.size();
            for (int i = entries.size() - 1; i >= 0 && found.size() < limit; i--) {
                InvocationRecord record = decode(entries.get(i));
                if (record != null && filter.test(record)) {
                    found.add(record);
                }
            }
            before = entries.getFirst().seq();
            block *= 4;
        }
        return new Recent(found, false);
    }

    /**
     * The figures of the last hour and the last day. The day's records are read once (at most {@link #SCAN_CAP}, the
     * most recent); the hour is taken from them when they cover it, else read on its own.
     */
    List<Window> metrics(String appId) {
        Instant now = clock.instant();
        Instant hourFrom = now.minus(Duration.ofHours(1));
        Instant dayFrom = now.minus(Duration.ofDays(1));
        SubjectHistory history = history(appId);
        Scan day = scan(history, dayFrom);
        Window hour;
        // The day's records are the most recent ones without a gap: when they reach back past the hour's start,
        // they hold every record of the hour.
        boolean coversHour = !day.sampled()
                || (!day.stored().isEmpty() && day.stored().getFirst().isBefore(hourFrom));
        if (coversHour) {
            List<InvocationRecord> inHour = new ArrayList<>();
            for (int i = 0; i < day.records().size(); i++) {
                if (!day.stored().get(i).isBefore(hourFrom)) {
                    inHour.add(day.records().get(i));
                }
            }
            hour = Window.of("1h", hourFrom, InvocationStats.of(inHour), false, inHour.size());
        } else {
            hour = scan(history, hourFrom).window("1h", hourFrom);
        }
        return List.of(hour, day.window("24h", dayFrom));
    }

    /** The records stored since {@code from} (the most recent {@link #SCAN_CAP} of them), with when each was stored. */
    private record Scan(List<InvocationRecord> records, List<Instant> stored, long total, boolean sampled) {
        Window window(String name, Instant from) {
            return Window.of(name, from, InvocationStats.of(records).scaledTo(total), sampled, records.size());
        }
    }

    private Scan scan(SubjectHistory history, Instant from) {
        StreamState state = history.streamState();
        long before = state.getLastSequence() + 1;
        List<SubjectHistory.Entry> entries;
        long total;
        try (SubjectHistory.Reader reader = history.fromTime(from)) {
            total = reader.pending();
            if (total <= scanCap) {
                entries = reader.read((int) total);
            } else {
                entries = null;
            }
        }
        if (entries == null) {
            SubjectHistory.Span span = history.startOfLast(scanCap, before, state.getFirstSequence());
            try (SubjectHistory.Reader reader = history.fromSequence(span.start())) {
                entries = reader.read((int) Math.min(span.count(), reader.pending()));
            }
        }
        entries = entries.stream().filter(e -> e.seq() < before).toList();
        // A span may hold a few more than the cap: the sample is the most recent scanCap of them.
        entries = entries.subList(Math.max(0, entries.size() - scanCap), entries.size());
        List<InvocationRecord> records = new ArrayList<>(entries.size());
        List<Instant> stored = new ArrayList<>(entries.size());
        for (SubjectHistory.Entry entry : entries) {
            InvocationRecord record = decode(entry);
            if (record != null) {
                records.add(record);
                stored.add(entry.stored());
            }
        }
        boolean sampled = total > scanCap;
        return new Scan(records, stored, sampled ? total : records.size(), sampled);
    }

    private SubjectHistory history(String appId) {
        return new SubjectHistory(
                nats, streams.invocationStream(), streams.root().qualify(RuntimeSubjects.invocations(appId)));
    }

    private static InvocationRecord decode(SubjectHistory.Entry entry) {
        try {
            return MessageCodec.INSTANCE.decode(entry.data(), InvocationRecord.class);
        } catch (MessageCodec.MalformedMessageException e) {
            return null; // not the engine's: skipped
        }
    }
}
