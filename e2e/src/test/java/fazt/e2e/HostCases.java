package fazt.e2e;

import static fazt.e2e.HostileCase.Expect.closedWith;
import static fazt.e2e.HostileCase.Expect.function;
import static fazt.e2e.HostileCase.Expect.page;
import static fazt.e2e.HostileCase.Expect.refused;
import static fazt.e2e.HostileCase.Expect.status;

import fazt.e2e.HostileCase.Expect;
import java.util.ArrayList;
import java.util.List;

/**
 * The Host header and the request target's form (ADR 19, "The Host" and "The request target"): exactly one Host
 * naming a DNS name or IP literal, no user-info, a good port; absolute-form replaces the Host, authority-form and
 * asterisk-form are 400; and the request line's version.
 */
final class HostCases {
    private static final String INDEX = PathCases.INDEX;

    private HostCases() {}

    static List<HostileCase> cases(int port) {
        List<HostileCase> cases = new ArrayList<>();
        hosts(cases, port);
        forms(cases, port);
        versions(cases);
        return cases;
    }

    private static void hosts(List<HostileCase> cases, int port) {
        for (String path : List.of("/", "//api/main.js")) {
            cases.add(HostileCase.of("host missing " + path, "GET " + path + " HTTP/1.1\r\n\r\n", status(400)));
            cases.add(
                    HostileCase.of("host missing, HTTP/1.0 " + path, "GET " + path + " HTTP/1.0\r\n\r\n", status(400)));
            cases.add(HostileCase.of(
                    "host twice, same " + path,
                    "GET " + path + " HTTP/1.1\r\nHost: app.localhost\r\nHost: app.localhost\r\n\r\n",
                    status(400)));
            cases.add(HostileCase.of(
                    "host twice, differing " + path,
                    "GET " + path + " HTTP/1.1\r\nHost: app.localhost\r\nX-A: b\r\nHost: admin.localhost\r\n\r\n",
                    status(400)));
            for (String bad : List.of(
                    "user@app.localhost",
                    "user:pw@app.localhost",
                    "@app.localhost",
                    "app.localhost:abc",
                    "app.localhost:99999",
                    "app.localhost:-1",
                    "app.localhost:80:80",
                    "app.localhost:8 0",
                    "app.localhost/api/main.js",
                    "app.localhost\\x",
                    "app localhost",
                    "app.localhost?x",
                    "app.localhost#x",
                    "",
                    "app_x.localhost",
                    ".app.localhost",
                    "app..localhost",
                    "app.localhost%2f",
                    "app%2elocalhost",
                    "[::1",
                    "app.localhost, admin.localhost",
                    "*.localhost",
                    "app.localhost\u0000",
                    "app.localhost\u0001x")) {
                cases.add(HostileCase.of(
                        "host bad '" + PathCases.printable(bad) + "' " + path,
                        "GET " + path + " HTTP/1.1\r\nHost: " + bad + "\r\n\r\n",
                        status(400)));
            }
        }
        for (String good : List.of(
                "APP.LOCALHOST",
                "app.localhost.",
                "app.localhost:80",
                "app.localhost:" + port,
                "App.Localhost.:" + port)) {
            cases.add(HostileCase.of(
                    "host canonical '" + good + "'",
                    "GET / HTTP/1.1\r\nHost: " + good + "\r\n\r\n",
                    page(INDEX, false)));
            cases.add(HostileCase.of(
                    "host canonical '" + good + "' //api/main.js",
                    "GET //api/main.js HTTP/1.1\r\nHost: " + good + "\r\n\r\n",
                    function(false)));
        }
        cases.add(HostileCase.of(
                "host without space", "GET / HTTP/1.1\r\nHost:app.localhost\r\n\r\n", page(INDEX, false)));
        cases.add(HostileCase.of(
                "host with tab and trailing space",
                "GET / HTTP/1.1\r\nHost:\tapp.localhost  \r\n\r\n",
                page(INDEX, false)));
        for (String literal : List.of("127.0.0.1", "[::1]", "[::1]:80", "127.0.0.1:" + port)) {
            cases.add(HostileCase.of(
                    "host IP literal " + literal + " //api/main.js",
                    "GET //api/main.js HTTP/1.1\r\nHost: " + literal + "\r\n\r\n",
                    status(200, 404)));
        }
        cases.add(HostileCase.of(
                "host raw UTF-8", "GET / HTTP/1.1\r\nHost: \u00c3\u00a4pp.localhost\r\n\r\n", status(400, 404)));
        cases.add(
                HostileCase.of("host line folded", "GET / HTTP/1.1\r\nHost: app.localhost\r\n x\r\n\r\n", status(400)));
        cases.add(HostileCase.of(
                "host space before colon", "GET / HTTP/1.1\r\nHost : app.localhost\r\n\r\n", closedWith(400)));
    }

    private static void forms(List<HostileCase> cases, int port) {
        String other = "\r\nHost: other.localhost\r\n\r\n";
        cases.add(HostileCase.of(
                "absolute-form app over admin Host",
                "GET http://app.localhost/ HTTP/1.1\r\nHost: admin.localhost\r\n\r\n",
                page(INDEX, false)));
        for (String target :
                List.of("/api/main.js", "//api/main.js", "/%61pi/main.js", "/x/../api/lib.js", "/api/lib.js?x=1")) {
            cases.add(HostileCase.of(
                    "absolute-form " + target,
                    "GET http://app.localhost" + target + " HTTP/1.1" + other,
                    function(false)));
        }
        cases.add(HostileCase.of(
                "absolute-form port and case",
                "GET http://APP.localhost:" + port + "/ HTTP/1.1" + other,
                page(INDEX, false)));
        cases.add(HostileCase.of(
                "absolute-form admin over app Host",
                "GET http://admin.localhost/api/apps HTTP/1.1\r\nHost: app.localhost\r\n\r\n",
                status(401)));
        for (String target : List.of(
                "http://app.localhost/api%2fmain.js",
                "http://app.localhost/../api/main.js",
                "http://app.localhost/%c0%afapi/main.js",
                "http://user@app.localhost/",
                "http://user:pw@app.localhost/api/main.js",
                "http://app.localhost:abc/",
                "ftp://app.localhost/",
                "file:///work/api/main.js",
                "http:/app.localhost/",
                "http://",
                "http:///api/main.js",
                "http://app.localhost/#x",
                "http://app.localhost\\api\\main.js",
                "mailto:app@localhost")) {
            cases.add(
                    HostileCase.of("absolute-form bad " + target, "GET " + target + " HTTP/1.1" + other, status(400)));
        }
        for (String target : List.of("https://app.localhost/", "HTTP://APP.LOCALHOST/", "http://app.localhost")) {
            cases.add(HostileCase.of(
                    "absolute-form lenient " + target,
                    "GET " + target + " HTTP/1.1" + other,
                    page(INDEX, false).or(status(400))));
        }
        // Origin-form (it starts with "/"), however much it looks like an authority: a path of the app, not found.
        cases.add(HostileCase.of(
                "origin-form //app.localhost:x/", "GET //app.localhost:x/ HTTP/1.1" + other, status(404)));
        cases.add(HostileCase.of(
                "absolute-form without Host",
                "GET http://app.localhost/api/main.js HTTP/1.1\r\n\r\n",
                function(false).or(status(400))));
        for (String line : List.of(
                "CONNECT app.localhost:80",
                "CONNECT app.localhost:443",
                "GET app.localhost:80",
                "OPTIONS *",
                "GET *",
                "HEAD *",
                "POST *",
                "GET api/main.js",
                "GET .",
                "GET ?x",
                "GET %2fapi/main.js",
                "GET ../api/main.js",
                "GET \\api\\main.js",
                "GET #x")) {
            cases.add(HostileCase.of("form " + line, line + " HTTP/1.1\r\nHost: app.localhost\r\n\r\n", status(400)));
        }
        cases.add(HostileCase.of(
                "form double space",
                "GET  /api/main.js HTTP/1.1\r\nHost: app.localhost\r\n\r\n",
                function(false).or(refused())));
    }

    private static void versions(List<HostileCase> cases) {
        String host = "\r\nHost: app.localhost\r\n\r\n";
        cases.add(HostileCase.of("version HTTP/1.0 with Host", "GET / HTTP/1.0" + host, page(INDEX, false)));
        cases.add(
                HostileCase.of("version HTTP/1.0 //api/main.js", "GET //api/main.js HTTP/1.0" + host, function(false)));
        for (String version : List.of(
                "HTTP/3", "HTTP/1.1x", "HTTP/1.1 extra", "HTTP/11", "HTTP/1.a", "HTTPS/1.1", "HTTP/1.1\u0000")) {
            cases.add(HostileCase.of(
                    "version " + PathCases.printable(version),
                    "GET / " + version + host,
                    refused().or(status(505))));
        }
        // ADR 19: any version but HTTP/1.1 and HTTP/1.0 is 505 (Netty reads the name case-insensitively, so
        // "http/1.1" may pass as HTTP/1.1: harmless).
        for (String version : List.of("HTTP/2.0", "HTTP/0.9", "HTTP/1.2")) {
            cases.add(HostileCase.of(
                    "version " + version, "GET / " + version + host, status(505).or(closedWith(400))));
        }
        cases.add(HostileCase.of(
                "version http/1.1",
                "GET / http/1.1" + host,
                page(INDEX, false).or(status(505)).or(closedWith(400))));
        cases.add(HostileCase.of(
                "version none", "GET /api/main.js" + host, refused().or(status(505))));
        // Methods are case-sensitive (RFC 9110): "get" is an unknown method, which ADR 19 leaves to the route.
        cases.add(HostileCase.of(
                "method lower case",
                "get /api/main.js HTTP/1.1" + host,
                function(false).or(refused()).or(status(501))));
        cases.add(HostileCase.of("method with NUL", "G\u0000ET /api/main.js HTTP/1.1" + host, closedWith(400)));
        cases.add(HostileCase.of("method 5000 bytes", "G".repeat(5000) + " / HTTP/1.1" + host, status(414)));
        cases.add(HostileCase.of(
                "method unknown",
                "BREW /api/../index.html HTTP/1.1" + host,
                refused().or(status(501))));
        Expect blank = refused().or(page(INDEX, false));
        cases.add(HostileCase.of("leading blank lines", "\r\n\r\nGET / HTTP/1.1" + host, blank));
    }
}
