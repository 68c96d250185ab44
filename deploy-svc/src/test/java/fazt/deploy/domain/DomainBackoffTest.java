package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.deploy.DomainState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DomainBackoffTest {
    @Test
    void failedChecksAreRetriedAfterThirtySecondsDoublingUpToAnHour() {
        assertThat(ManageDomains.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ManageDomains.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ManageDomains.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ManageDomains.backoff(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(ManageDomains.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(ManageDomains.backoff(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aWildcardIsCheckedAtALabelDerivedFromItsToken() {
        Domain wildcard = new Domain(
                "*.shops.example.com",
                new AppId("a_1"),
                "shop",
                "Zp3kQ8vN2xLr5tWy7bHc9dFg",
                DomainState.PENDING,
                null,
                0,
                null,
                null);
        assertThat(wildcard.checkHost()).isEqualTo("fazt-check-zp3kq8vn.shops.example.com");
        assertThat(wildcard.challengeUrl())
                .isEqualTo("http://fazt-check-zp3kq8vn.shops.example.com/.well-known/fazt/Zp3kQ8vN2xLr5tWy7bHc9dFg");
    }
}
