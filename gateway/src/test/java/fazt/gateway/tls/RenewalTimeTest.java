package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RenewalTimeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void withoutRenewalInformationItIsTheShareOfTheLifetime() {
        RenewalTime time = RenewalTime.lifetime(NOW, NOW.plus(Duration.ofDays(90)), 66);
        assertThat(time.source()).isEqualTo(RenewalTime.LIFETIME);
        assertThat(time.at())
                .isEqualTo(NOW.plus(Duration.ofDays(90))
                        .minus(Duration.ofMillis(Duration.ofDays(90).toMillis() * 34 / 100)));
    }

    @Test
    void aSuggestedWindowGivesAPointInsideIt() {
        Instant start = NOW.plus(Duration.ofDays(60)), end = NOW.plus(Duration.ofDays(62));
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            RenewalTime time = RenewalTime.ari(new RenewalTime.Window(start, end), NOW, random);
            assertThat(time.source()).isEqualTo(RenewalTime.ARI);
            assertThat(time.at()).isBetween(start, end);
        }
    }

    @Test
    void aWindowAlreadyOpenStartsNowAndOnePassedIsNow() {
        RenewalTime open = RenewalTime.ari(
                new RenewalTime.Window(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(1))),
                NOW,
                new Random(1));
        assertThat(open.at()).isBetween(NOW, NOW.plus(Duration.ofHours(1)));
        RenewalTime passed = RenewalTime.ari(
                new RenewalTime.Window(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(1))),
                NOW,
                new Random(1));
        assertThat(passed.at()).isEqualTo(NOW);
    }
}
