package fazt.runtime.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.AppLogLine;
import fazt.proto.runtime.RuntimeSubjects;
import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pages of one app's log lines, oldest first, read from the app-log stream. A page ends after {@code limit} lines
 * that pass the level filter, before the line that would take it over {@link #PAGE_BYTES}, or after
 * {@link #SCAN_CAP} stored lines looked at, whichever comes first; its cursor is
 * the stream sequence of the last line looked at, so the next page (or a follower polling with it) continues exactly
 * there, whichever instance answers.
 */
@Singleton
final class AppLogPages {
    /** Stored lines looked at for one page at most, so a rare level in a busy log cannot make a page unbounded. */
    static final int SCAN_CAP = 10_000;
    /**
     * Bytes of lines in one page at most, as they travel in the admin reply (the page's JSON is a string inside the
     * reply, so it is escaped twice): well under NATS's 1 MB message limit, whatever the lines hold.
     */
    static final int PAGE_BYTES = 768 * 1024;

    /** A line as the API shows it. */
    record LineView(Instant at, String level, String message, String requestId, String instance) {}

    /**
     * One page. {@code cursor}: pass it as {@code after} to continue; {@code more}: whether stored lines remain
     * after the cursor (false means the reader has caught up).
     */
    record Page(List<LineView> lines, String cursor, boolean more) {}

    private final Connection nats;
    private final LogStreams streams;

    AppLogPages(Connection nats, LogStreams streams) {
        this.nats = nats;
        this.streams = streams;
    }

    Page page(String appId, LogQuery query) {
        SubjectHistory history =
                new SubjectHistory(nats, streams.appLogStream(), streams.root().qualify(RuntimeSubjects.appLog(appId)));
        // Read before the consumer exists: every line up to here is then ahead of the consumer or already past.
        long lastStored = history.streamState().getLastSequence();
        Long after = query.after();
        if (after != null && after > lastStored) {
            // A cursor beyond the stream's end comes from before the stream was recreated (sequences start again at
            // 1): start over rather than wait silently until the new sequences pass the old cursor.
            after = 0L;
        }
        long cursor = after != null ? after : 0;
        boolean more = false;
        List<LineView> lines = new ArrayList<>();
        long looked = 0;
        long bytes = 0;
        try (SubjectHistory.Reader reader =
                after != null ? history.fromSequence(after + 1) : history.fromTime(query.since())) {
            long ahead = reader.pending();
            fill:
            while (lines.size() < query.limit() && looked < Math.min(ahead, SCAN_CAP)) {
                int want = (int) Math.min(
                        Math.min(ahead, SCAN_CAP) - looked,
                        query.minLevel() == LogLevel.DEBUG ? query.limit() - lines.size() : 500);
                List<SubjectHistory.Entry> batch = reader.read(want);
                if (batch.isEmpty()) {
                    break;
                }
                for (SubjectHistory.Entry entry : batch) {
                    AppLogLine line = decode(entry);
                    if (line != null && query.minLevel().admits(line.level())) {
                        LineView view = new LineView(
                                line.at() != null ? line.at() : entry.stored(),
                                level(line.level()),
                                line.message(),
                                line.requestId(),
                                line.instance());
                        int size = replyBytes(view);
                        if (!lines.isEmpty() && bytes + size > PAGE_BYTES) {
                            // The next page starts with this line: the cursor stays on the one before.
                            more = true;
                            break fill;
                        }
                        bytes += size;
                        lines.add(view);
                    }
                    looked++;
                    cursor = entry.seq();
                    if (lines.size() == query.limit()) {
                        break fill;
                    }
                }
            }
            more = more || looked < ahead;
            if (!more) {
                cursor = Math.max(cursor, lastStored);
            }
            return new Page(lines, Long.toString(cursor), more);
        }
    }

    /** The bytes a line takes in the admin reply: its JSON, escaped again as part of the reply's body string. */
    static int replyBytes(LineView view) {
        try {
            String json = MessageCodec.INSTANCE.mapper().writeValueAsString(view);
            return MessageCodec.INSTANCE.mapper().writeValueAsBytes(json).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a log line could not be written as JSON", e);
        }
    }

    private static AppLogLine decode(SubjectHistory.Entry entry) {
        try {
            return MessageCodec.INSTANCE.decode(entry.data(), AppLogLine.class);
        } catch (MessageCodec.MalformedMessageException e) {
            return null; // not the engine's: skipped, but the cursor moves past it
        }
    }

    private static String level(String text) {
        LogLevel level = LogLevel.parse(text);
        return (level == null ? LogLevel.INFO : level).name().toLowerCase(Locale.ROOT);
    }
}
