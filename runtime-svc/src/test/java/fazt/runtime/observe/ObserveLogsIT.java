package fazt.runtime.observe;

import static fazt.runtime.observe.ObserveFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reading an app's logs through the observability admin API (see {@link ObserveFixture}): oldest first, pages that stop
 * before the reply limit in bytes and continue at the cursor, a cursor that outlived its stream, since and level.
 */
class ObserveLogsIT {
    @RegisterExtension
    static final ObserveFixture observe = new ObserveFixture();

    @Test
    void logsPageOldestFirstAndTheCursorContinuesAndFollows() throws Exception {
        String id = observe.app("paged");
        String other = observe.app("paged-neighbour");
        for (int i = 1; i <= 5; i++) {
            observe.log(id, "info", "line " + i);
            observe.log(other, "info", "not mine " + i);
        }
        JsonNode first = observe.ok("paged", "logs", Map.of("limit", "2"));
        assertThat(messages(first)).containsExactly("line 1", "line 2");
        assertThat(first.path("more").asBoolean()).isTrue();
        JsonNode second = observe.ok(
                "paged",
                "logs",
                Map.of("limit", "2", "after", first.path("cursor").asText()));
        assertThat(messages(second)).containsExactly("line 3", "line 4");
        JsonNode third = observe.ok(
                "paged",
                "logs",
                Map.of("limit", "2", "after", second.path("cursor").asText()));
        assertThat(messages(third)).containsExactly("line 5");
        assertThat(third.path("more").asBoolean()).isFalse();

        JsonNode idle =
                observe.ok("paged", "logs", Map.of("after", third.path("cursor").asText()));
        assertThat(messages(idle)).isEmpty();
        assertThat(idle.path("cursor").asLong())
                .isGreaterThanOrEqualTo(third.path("cursor").asLong());

        observe.log(other, "info", "still not mine");
        observe.log(id, "warn", "line 6");
        JsonNode followed =
                observe.ok("paged", "logs", Map.of("after", idle.path("cursor").asText()));
        assertThat(messages(followed)).containsExactly("line 6");
        JsonNode line = followed.path("lines").get(0);
        assertThat(line.path("level").asText()).isEqualTo("warn");
        assertThat(line.path("requestId").asText()).isEqualTo("req-line 6");
        assertThat(line.path("instance").asText()).isEqualTo("runtime-test:1");
        assertThat(line.has("at")).isTrue();
    }

    @Test
    void pagesStopBeforeTheReplyLimitAndContinueAtTheCursor() throws Exception {
        String id = observe.app("big-lines");
        int count = 60;
        // Quotes are escaped twice on the way (the page's JSON is a string in the admin reply): 4 bytes each.
        String heavy = "\"".repeat(8 * 1024 - 8);
        for (int i = 0; i < count; i++) {
            observe.log(id, "info", String.format("%04d", i) + heavy);
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        boolean more = true;
        while (more && pages++ < count) {
            Map<String, String> query =
                    after == null ? Map.of("limit", "1000") : Map.of("limit", "1000", "after", after);
            JsonNode page = observe.ok("big-lines", "logs", query);
            List<String> lines = messages(page);
            assertThat(lines).isNotEmpty().hasSizeLessThan(count);
            lines.forEach(line -> seen.add(line.substring(0, 4)));
            after = page.path("cursor").asText();
            more = page.path("more").asBoolean();
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(seen)
                .containsExactlyElementsOf(IntStream.range(0, count)
                        .mapToObj(i -> String.format("%04d", i))
                        .toList());
    }

    @Test
    void aCursorFromBeforeTheStreamWasRecreatedStartsOver() throws Exception {
        String id = observe.app("reset");
        observe.log(id, "info", "before");
        JsonNode page = observe.ok("reset", "logs", Map.of());
        long stale = page.path("cursor").asLong() + 1000;
        LogStreams streams = new LogStreams(observe.root());
        observe.nats().jetStreamManagement().deleteStream(streams.appLogStream());
        streams.declare(observe.nats());
        observe.log(id, "info", "after");
        JsonNode resumed = observe.ok("reset", "logs", Map.of("after", Long.toString(stale)));
        assertThat(messages(resumed)).containsExactly("after");
    }

    @Test
    void sinceStartsAtAnInstantOrADurationAgo() throws Exception {
        String id = observe.app("since");
        observe.log(id, "info", "old");
        Thread.sleep(1100);
        Instant cut = Instant.now();
        Thread.sleep(50);
        observe.log(id, "info", "new");
        assertThat(messages(observe.ok("since", "logs", Map.of("since", cut.toString()))))
                .containsExactly("new");
        assertThat(messages(observe.ok("since", "logs", Map.of("since", "10m"))))
                .containsExactly("old", "new");
        assertThat(messages(observe.ok("since", "logs", Map.of())))
                .as("default: the last hour")
                .containsExactly("old", "new");
        assertThat(messages(observe.ok("since", "logs", Map.of("since", "1s")))).containsExactly("new");
    }

    @Test
    void levelKeepsThatLevelAndAbove() throws Exception {
        String id = observe.app("levels");
        observe.log(id, "debug", "d");
        observe.log(id, "info", "i");
        observe.log(id, "warn", "w");
        observe.log(id, "error", "e");
        observe.log(id, "info", "i2");
        assertThat(messages(observe.ok("levels", "logs", Map.of("level", "warn"))))
                .containsExactly("w", "e");
        assertThat(messages(observe.ok("levels", "logs", Map.of("level", "error"))))
                .containsExactly("e");
        assertThat(messages(observe.ok("levels", "logs", Map.of("level", "info"))))
                .containsExactly("i", "w", "e", "i2");
        JsonNode page = observe.ok("levels", "logs", Map.of("level", "warn", "limit", "1"));
        assertThat(messages(page)).containsExactly("w");
        assertThat(messages(observe.ok(
                        "levels",
                        "logs",
                        Map.of("level", "warn", "after", page.path("cursor").asText()))))
                .containsExactly("e");
    }
}
