package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChallengeChoiceTest {
    @Test
    void autoStartsWithHttp01AndAlternatesAfterAFailedAttempt() {
        ChallengeChoice auto = new ChallengeChoice(TlsConfig.AUTO);
        assertThat(auto.choose(true, true, 0)).isEqualTo(TlsConfig.HTTP_01);
        assertThat(auto.choose(true, true, 1)).isEqualTo(TlsConfig.TLS_ALPN_01);
        assertThat(auto.choose(true, true, 2)).isEqualTo(TlsConfig.HTTP_01);
    }

    @Test
    void autoPrefersWhatLastWorkedAndTakesWhatTheCaOffers() {
        ChallengeChoice auto = new ChallengeChoice(TlsConfig.AUTO);
        auto.worked(TlsConfig.TLS_ALPN_01);
        assertThat(auto.choose(true, true, 0)).isEqualTo(TlsConfig.TLS_ALPN_01);
        assertThat(auto.choose(true, true, 1)).isEqualTo(TlsConfig.HTTP_01);
        assertThat(auto.choose(true, false, 0)).isEqualTo(TlsConfig.HTTP_01);
        assertThat(auto.choose(false, false, 0)).isNull();
    }

    @Test
    void aFixedTypeIsTheOnlyOne() {
        assertThat(new ChallengeChoice(TlsConfig.HTTP_01).choose(true, true, 1)).isEqualTo(TlsConfig.HTTP_01);
        assertThat(new ChallengeChoice(TlsConfig.HTTP_01).choose(false, true, 0))
                .isNull();
        assertThat(new ChallengeChoice(TlsConfig.TLS_ALPN_01).choose(true, true, 0))
                .isEqualTo(TlsConfig.TLS_ALPN_01);
        assertThat(new ChallengeChoice(TlsConfig.TLS_ALPN_01).choose(true, false, 0))
                .isNull();
    }
}
