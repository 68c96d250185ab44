package fazt.gateway.edge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {
    private final HostRouter hosts = new HostRouter("example.com");

    @ParameterizedTest(name = "{0} {1}{2} -> {3}")
    @CsvSource({
        "GET, blog.example.com, /_fazt/health, Health",
        "GET, admin.example.com, /_fazt/health, Health",
        "GET, nobody.example.org, /_fazt/health, Health",
        "GET, admin.example.com, /_fazt/setup/abc, Setup",
        "GET, admin.example.com, /_fazt/setup/abc/x, NotFound",
        "GET, blog.example.com, /_fazt/setup/abc, NotFound",
        "GET, admin.example.com, /api/apps, AdminApi",
        "GET, admin.example.com, /api, AdminApi",
        "GET, admin.example.com, /api/openapi.json, AdminContract",
        "GET, admin.example.com, /api/openapi.json/x, AdminApi",
        "GET, blog.example.com, /api/openapi.json, AppFunction",
        "GET, admin.example.com, /apix, NotFound",
        "GET, admin.example.com, /index.html, NotFound",
        "GET, admin.example.com, /api/../index.html, NotFound",
        "GET, blog.example.com, /_fazt/auth/login, AppPlatform",
        "POST, blog.example.com, /_fazt/async/resize, AppPlatform",
        "POST, blog.example.com, /_fazt/hooks/h_1, AppPlatform",
        "GET, blog.example.com, /_fazt/runs/r_1, AppPlatform",
        "GET, blog.example.com, /_fazt/other, NotFound",
        "GET, nobody.example.org, /_fazt/auth/login, NotFound",
        "GET, blog.example.com, /api/x, AppFunction",
        "GET, blog.example.com, /api/, AppFunction",
        "GET, blog.example.com, /api, AppStatic",
        "GET, blog.example.com, /API/main.js, AppStatic",
        "GET, nobody.example.org, /api/x, AppStatic",
        "GET, example.com, /, AppStatic",
        "GET, blog.example.com, /.well-known/acme-challenge/tok_1, AcmeChallenge",
        "GET, admin.example.com, /.well-known/acme-challenge/tok_1, AcmeChallenge",
        "GET, shop.example.net, /.well-known/acme-challenge/tok_1, AcmeChallenge",
        "GET, blog.example.com, /.well-known/acme-challenge/, AppStatic",
        "GET, blog.example.com, /.well-known/acme-challenge/a/b, AppStatic",
    })
    void classifiesByCanonicalHostAndPath(String method, String host, String target, String kind) throws Exception {
        Route route = Routes.classify(
                hosts.route(host), method, RequestTarget.parse(target).path());
        assertThat(route.getClass().getSimpleName()).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST, /api/auth/login, true",
        "POST, /api//auth/./login, true",
        "POST, /api/auth/%6cogin, true",
        "GET, /api/auth/login, false",
        "POST, /api/apps, false"
    })
    void publicAdminRoutesAreFoundWhateverTheSpelling(String method, String target, boolean isPublic) throws Exception {
        Route route = Routes.classify(
                hosts.route("admin.example.com"),
                method,
                RequestTarget.parse(target).path());
        assertThat(((Route.AdminApi) route).publicRoute()).isEqualTo(isPublic);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/.well-known/acme-challenge/x, true",
        "/.well-known/fazt/tok, true",
        "/.well-known/other, false",
        "/, false",
        "/api/x, false"
    })
    void onlyAcmeChallengesAndWellKnownFaztStayOnPlainHttp(String path, boolean plain) {
        assertThat(Routes.staysPlain(path)).isEqualTo(plain);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/_fazt/auth/login, LOGIN, login", "/_fazt/async/a/b, ASYNC, a/b", "/_fazt/runs/r_7, RUN_STATUS, r_7"})
    void platformRoutesCarryTheirKindAndRest(String path, Route.Platform kind, String rest) {
        Route.AppPlatform route = (Route.AppPlatform)
                Routes.classify(new HostRoute(HostRoute.Kind.APP, "blog", "blog.example.com"), "POST", path);
        assertThat(route.kind()).isEqualTo(kind);
        assertThat(route.rest()).isEqualTo(rest);
    }
}
