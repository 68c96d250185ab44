package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads an app's log page by page: from {@code --since}, then always {@code after} the cursor of the last page, so no
 * line is printed twice or skipped. Without follow it stops once the server says it has caught up ({@code more}
 * false); with follow it then asks again every {@link #POLL} until interrupted.
 */
final class LogTail {
    /** How often a follower asks for new lines once caught up. */
    static final Duration POLL = Duration.ofSeconds(1);
    /** Lines asked for per page. */
    static final int PAGE = 500;

    /** Waits between polls; tests pass one that counts and stops. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Function<Map<String, String>, JsonNode> fetch;
    private final Consumer<JsonNode> print;
    private final Pause pause;

    /**
     * @param fetch asks the server for one page with these query parameters
     * @param print takes each line of a page, oldest first
     */
    LogTail(Function<Map<String, String>, JsonNode> fetch, Consumer<JsonNode> print, Pause pause) {
        this.fetch = fetch;
        this.print = print;
        this.pause = pause;
    }

    /** Prints lines from {@code since} (null: the server's default) at {@code level} (null: all). */
    void run(String since, String level, boolean follow) throws InterruptedException {
        String cursor = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            if (cursor != null) {
                query.put("after", cursor);
            } else if (since != null) {
                query.put("since", since);
            }
            if (level != null) {
                query.put("level", level);
            }
            query.put("limit", Integer.toString(PAGE));
            JsonNode page = fetch.apply(query);
            page.path("lines").forEach(print);
            String next = page.path("cursor").asText(null);
            cursor = next != null ? next : cursor;
            if (!page.path("more").asBoolean(false)) {
                if (!follow) {
                    return;
                }
                pause.sleep(POLL);
            }
        }
    }
}
