package fazt.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenStringTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"http://admin.localhost:8080", "https://admin.example.com", "https://admin.my-cloud.io:8443"})
    void aTokenStringRoundTripsItsUrlAndSecret(String url) {
        String secret = Secret.generate();
        String token = new TokenString(url, secret).format();
        assertThat(token).startsWith("fazt_").doesNotContain("=", "+", "/", " ");
        TokenString parsed = TokenString.parse(token).orElseThrow();
        assertThat(parsed.serverUrl()).isEqualTo(url);
        assertThat(parsed.secret()).isEqualTo(secret);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL",
                "''",
                "fazt_",
                "fazt_abc",
                "fazt__secret",
                "fazt_aGVsbG8_",
                "token_aHR0cDovL2E_secret",
                "fazt_!!!_secret",
                "fazt_aGVsbG8_secret"
            })
    void anythingElseIsNotAUrlToken(String token) {
        assertThat(TokenString.parse(token)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50})
    void secretsHaveNoUnderscoreSoTheLastOneSeparates(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(Secret.generate()).hasSize(Secret.LENGTH).doesNotContain("_");
        }
    }
}
