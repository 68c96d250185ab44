package fazt.runtime.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.nats.ProblemException;
import fazt.proto.admin.AdminRequest;
import fazt.proto.auth.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogQueryTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "90s,   PT1M30S", "10m,   PT10M", "2h,    PT2H", "7d,    PT168H"})
    void sinceTakesADurationAgo(String text, String ago) {
        assertThat(LogQuery.since(text, CLOCK)).isEqualTo(NOW.minus(Duration.parse(ago)));
    }

    @Test
    void sinceTakesAnInstantAndNothingMeansNone() {
        assertThat(LogQuery.since("2026-04-30T08:15:00Z", CLOCK)).isEqualTo(Instant.parse("2026-04-30T08:15:00Z"));
        assertThat(LogQuery.since(null, CLOCK)).isNull();
        assertThat(LogQuery.since(" ", CLOCK)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"yesterday", "-5m", "10", "10 m", "5w", "2026-13-01T00:00:00Z"})
    void sinceRejectsAnythingElseNamingTheParameter(String text) {
        assertThatThrownBy(() -> LogQuery.since(text, CLOCK)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("since");
            assertThat(e.problem().detail()).contains("10m").contains(text);
        });
    }

    @Test
    void defaultsAreTheLastHourAHundredLinesAndEveryLevel() {
        LogQuery query = LogQuery.of(request(Map.of()), CLOCK);
        assertThat(query).isEqualTo(new LogQuery(null, NOW.minus(Duration.ofHours(1)), 100, LogLevel.DEBUG));
    }

    @Test
    void readsEveryParameter() {
        LogQuery query =
                LogQuery.of(request(Map.of("after", "42", "since", "5m", "limit", "1000", "level", "WARNING")), CLOCK);
        assertThat(query).isEqualTo(new LogQuery(42L, NOW.minus(Duration.ofMinutes(5)), 1000, LogLevel.WARN));
    }

    @ParameterizedTest
    @CsvSource({"limit, 0", "limit, 1001", "limit, many", "after, -3", "after, 1.5", "level, loud"})
    void rejectsABadParameterByName(String name, String value) {
        assertThatThrownBy(() -> LogQuery.of(request(Map.of(name, value)), CLOCK))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.problem().errors())
                                .extracting(f -> f.field())
                                .containsExactly(name));
    }

    @Test
    void levelsAdmitThemselvesAndWhatIsMoreSevere() {
        assertThat(LogLevel.WARN.admits("warn")).isTrue();
        assertThat(LogLevel.WARN.admits("error")).isTrue();
        assertThat(LogLevel.WARN.admits("info")).isFalse();
        assertThat(LogLevel.WARN.admits("debug")).isFalse();
        assertThat(LogLevel.INFO.admits("something-odd"))
                .as("unknown counts as info")
                .isTrue();
        assertThat(LogLevel.WARN.admits(null)).isFalse();
        assertThat(LogLevel.INFO.admits("log")).as("console.log is info").isTrue();
        assertThat(LogLevel.WARN.admits("log")).isFalse();
    }

    private static AdminRequest request(Map<String, String> query) {
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        return new AdminRequest(
                "GET", "/apps/a/logs", params, new Principal("u", "u", List.of("read")), null, null, null, "r");
    }
}
