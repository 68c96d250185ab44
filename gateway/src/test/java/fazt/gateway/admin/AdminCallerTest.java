package fazt.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.auth.AdminSession;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminCallerTest {
    static final String SECRET = "fzs_secret";
    static final String CSRF = AdminSession.csrfToken(SECRET);

    private static HttpRequest request(String method, String origin, String csrf) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), "/api/tokens");
        if (origin != null) {
            r.headers().set("Origin", origin);
        }
        if (csrf != null) {
            r.headers().set(AdminSession.CSRF_HEADER, csrf);
        }
        return r;
    }

    @ParameterizedTest(name = "{0} cookie={1} origin={2} csrf={3} public={4} -> refused {5}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "GET,true,NULL,NULL,false,false",
                "HEAD,true,http://evil.example,NULL,false,false",
                "POST,true,NULL,NULL,false,true",
                "POST,true,NULL,CSRF,false,false",
                "POST,true,NULL,wrong,false,true",
                "DELETE,true,http://admin.localhost,CSRF,false,false",
                "PUT,true,http://evil.example,CSRF,false,true",
                "POST,false,NULL,NULL,false,false",
                "POST,false,http://evil.example,NULL,false,true",
                "POST,true,NULL,NULL,true,false",
                "POST,true,http://evil.example,NULL,true,true"
            })
    void csrfRule(String method, boolean cookie, String origin, String csrf, boolean publicRoute, boolean refused) {
        AdminCaller caller = new AdminCaller(SECRET, cookie, false, "127.0.0.1", "http://admin.localhost");
        String violation =
                caller.csrfViolation(request(method, origin, "CSRF".equals(csrf) ? CSRF : csrf), publicRoute);
        assertThat(violation != null).isEqualTo(refused);
    }

    @ParameterizedTest
    @CsvSource({
        "true,fazt_session=x; HttpOnly,fazt_session=x; HttpOnly; Secure",
        "false,fazt_session=x; HttpOnly,fazt_session=x; HttpOnly",
        "true,fazt_session=x; Secure,fazt_session=x; Secure"
    })
    void theCookieIsSecureUnderHttps(boolean https, String given, String expected) {
        assertThat(new AdminCaller(SECRET, true, https, "ip", "o").cookieHeader(given))
                .isEqualTo(expected);
    }
}
