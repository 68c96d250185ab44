package fazt.gateway.applogin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppSessionResolverTest {
    @Test
    void findsTheAppSessionCookieOnly() {
        assertThat(AppSessionResolver.sessionSecret("theme=dark; fazt_app_session=fza_abc", false))
                .isEqualTo("fza_abc");
        assertThat(AppSessionResolver.sessionSecret("fazt_session=fzs_admin", false))
                .as("the admin cookie is not an app session")
                .isNull();
        assertThat(AppSessionResolver.sessionSecret("fazt_app_session=fzs_admin", false))
                .as("wrong prefix")
                .isNull();
        assertThat(AppSessionResolver.sessionSecret(null, false)).isNull();
    }

    @Test
    void underHttpsOnlyTheHostPrefixedCookieCountsSoASiblingCannotTossOneIn() {
        assertThat(AppSessionResolver.sessionSecret("__Host-fazt_app_session=fza_abc", true))
                .isEqualTo("fza_abc");
        assertThat(AppSessionResolver.sessionSecret("fazt_app_session=fza_tossed", true))
                .isNull();
        assertThat(AppSessionResolver.sessionSecret("__Host-fazt_app_session=fza_abc", false))
                .isNull();
        assertThat(AppSessionResolver.withoutLoginCookies(
                        "__Host-fazt_app_session=fza_abc; __Host-fazt_app_login=q; a=b"))
                .isEqualTo("a=b");
    }

    @Test
    void theAppSeesItsOwnCookiesButNotTheLoginOnes() {
        assertThat(AppSessionResolver.withoutLoginCookies(
                        "theme=dark; fazt_app_session=fza_abc; fazt_app_login=q; lang=pt"))
                .isEqualTo("theme=dark; lang=pt");
        assertThat(AppSessionResolver.withoutLoginCookies("fazt_app_session=fza_abc"))
                .isNull();
        assertThat(AppSessionResolver.withoutLoginCookies("fazt_app_session_x=1"))
                .isEqualTo("fazt_app_session_x=1");
        assertThat(AppSessionResolver.withoutLoginCookies(null)).isNull();
    }
}
