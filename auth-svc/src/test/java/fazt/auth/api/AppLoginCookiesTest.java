package fazt.auth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.auth.domain.AuthException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AppLoginCookiesTest {
    @Test
    void readsOneCookieOutOfAHeader() {
        assertThat(AppLoginCookies.read("a=1; fazt_app_session=fza_x; b=2", "fazt_app_session"))
                .isEqualTo("fza_x");
        assertThat(AppLoginCookies.read("fazt_app_session_old=1; x=2", "fazt_app_session"))
                .isNull();
        assertThat(AppLoginCookies.read("fazt_app_session=", "fazt_app_session"))
                .isNull();
        assertThat(AppLoginCookies.read(null, "fazt_app_session")).isNull();
        assertThat(AppLoginCookies.read("a=" + "x".repeat(9000), "a"))
                .as("oversized header")
                .isNull();
    }

    @Test
    void cookiesAreHostOnlyHttpOnlyLaxAndSecureUnderHttps() {
        assertThat(AppLoginCookies.set("n", "v", "/", Duration.ofDays(7), false))
                .isEqualTo("n=v; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax");
        assertThat(AppLoginCookies.set("n", "v", "/", Duration.ofDays(7), true))
                .endsWith("; SameSite=Lax; Secure")
                .doesNotContain("Domain");
        assertThat(AppLoginCookies.clear("n", "/_fazt/auth/", true))
                .isEqualTo("n=; Path=/_fazt/auth/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void queryParametersAreDecodedFirstWins() {
        assertThat(AppLoginEndpoint.query("provider=alice&redirect=%2Fnotes%3Fx%3D1&provider=bob"))
                .containsEntry("provider", "alice")
                .containsEntry("redirect", "/notes?x=1");
        assertThat(AppLoginEndpoint.query("flag")).containsEntry("flag", "");
        assertThat(AppLoginEndpoint.query(null)).isEmpty();
        assertThatThrownBy(() -> AppLoginEndpoint.query("a=%zz")).isInstanceOf(AuthException.InvalidInput.class);
    }
}
