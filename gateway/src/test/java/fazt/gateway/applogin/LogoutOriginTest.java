package fazt.gateway.applogin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogoutOriginTest {
    @ParameterizedTest(name = "Sec-Fetch-Site={0} Origin={1} -> foreign {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "same-origin, -, false",
                "none, -, false",
                "cross-site, -, true",
                // another app on the same fazt domain is same-site but not the same app
                "same-site, -, true",
                "SAME-ORIGIN, -, false",
                "same-origin, http://evil.example, false",
                "-, -, false",
                "-, http://blog.localhost:8080, false",
                "-, http://BLOG.localhost:8080, false",
                "-, http://shop.localhost:8080, true",
                "-, http://blog.localhost:9999, true",
                "-, null, true",
                "-, ::not a uri, true"
            })
    void refusesLogoutsFromOtherOrigins(String fetchSite, String origin, boolean foreign) {
        HttpHeaders headers = new DefaultHttpHeaders().add("Host", "blog.localhost:8080");
        if (fetchSite != null) {
            headers.add("Sec-Fetch-Site", fetchSite);
        }
        if (origin != null) {
            headers.add("Origin", origin);
        }
        assertThat(LogoutOrigin.foreign(headers)).isEqualTo(foreign);
    }
}
