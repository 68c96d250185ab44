package fazt.e2e;

import fazt.e2e.HostileCase.Expect;
import java.util.ArrayList;
import java.util.List;

/**
 * Path spellings (ADR 19, "The request target") × methods × Host spellings, each with what the canonical path makes
 * of it: the function (the path is {@code /api/...} once decoded and normalised), a static page, a static 404, or a
 * {@code 400 gateway/bad-path}. No spelling may ever return the source of {@code api/main.js} or {@code api/lib.js}.
 * {@code {f}} in a spelling stands for the file name.
 */
final class PathCases {
    /** What a spelling means once canonical. */
    enum Kind {
        FUNCTION,
        NOT_FOUND,
        BAD,
        RAW_BAD,
        INDEX,
        FUNCTION_OR_REFUSED
    }

    record Spelling(String path, Kind kind) {}

    static final String INDEX = "<h1>hostile</h1>";

    private PathCases() {}

    static List<Spelling> spellings() {
        List<Spelling> all = new ArrayList<>();
        for (String p : List.of(
                "/api/{f}",
                "//api/{f}",
                "///api///{f}",
                "/api//{f}",
                "/%61pi/{f}",
                "/%61%70%69/{f}",
                "/ap%69/{f}",
                "/a%70i/{f}",
                "/./api/{f}",
                "/api/./{f}",
                "/%2e/api/{f}",
                "/%2E/api/{f}",
                "/x/../api/{f}",
                "/x/%2e%2e/api/{f}",
                "/x/%2E%2e/api/{f}",
                "/x/.%2e/api/{f}",
                "/x/y/../../api/{f}",
                "/api/x/../{f}",
                "/index.html/../api/{f}",
                "/_fazt/../api/{f}",
                "/api/{f};x",
                "/api/{f}?raw=1",
                "/api/{f}?/../../api/lib.js",
                "/api/{f}.",
                "/api/{f}..",
                "/api/{f}%20",
                "/api/{f}/",
                "/api/%2e/{f}",
                "/api/{f}%3b",
                "/api/{f}%23",
                "/api/{f}%3F",
                "/api/%252e%252e/{f}",
                "/api/{f}%252f",
                "/api/{f}%2525")) {
            all.add(new Spelling(p, Kind.FUNCTION));
        }
        for (String p : List.of(
                "/API/{f}",
                "/Api/{f}",
                "/aPi/{f}",
                "/%41PI/{f}",
                "/%41%50%49/{f}",
                "/%2561pi/{f}",
                "/%252561pi/{f}",
                "/api;/{f}",
                "/api;x/{f}",
                "/api./{f}",
                "/api../{f}",
                "/api%20/{f}",
                "/%20api/{f}",
                "/api%3b/{f}",
                "/api%252f{f}",
                "/api%252F{f}",
                "/api%ef%bc%8f{f}",
                "/%ef%bc%8fapi/{f}",
                "/api%e2%88%95{f}",
                "/app.localhost/api/{f}",
                "//app.localhost/api/{f}",
                "/.api/{f}",
                "/..api/{f}",
                "/_fazt/api/{f}",
                "/%5ffazt/api/{f}",
                "/static/api/{f}",
                "/api%2e/{f}",
                "/%2eapi/{f}")) {
            all.add(new Spelling(p, Kind.NOT_FOUND));
        }
        for (String p : List.of(
                "/api%2F{f}",
                "/api%2f{f}",
                "/%2Fapi/{f}",
                "/%2fapi%2f{f}",
                "/api/x%2f..%2f{f}",
                "/api\\{f}",
                "/api%5c{f}",
                "/api%5C{f}",
                "/x/..\\api/{f}",
                "/%2e%2e/api/{f}",
                "/../api/{f}",
                "/x/../../api/{f}",
                "/%2e%2e%2fapi/{f}",
                "/.%2e/api/{f}",
                "/%2E%2E/api/{f}",
                "/api%c0%af{f}",
                "/%c0%ae%c0%ae/api/{f}",
                "/api%e0%80%af{f}",
                "/api%c1%9c{f}",
                "/api%f0%80%80%af{f}",
                "/api/{f}%c0%80",
                "/api/{f}%00",
                "/api%00/{f}",
                "/%00/api/{f}",
                "/api/{f}%0a",
                "/api/{f}%0d%0a",
                "/api/{f}%0D",
                "/api/{f}%09",
                "/api/{f}%1f",
                "/api/{f}%7f",
                "/api/{f}%7F",
                "/api/{f}%",
                "/api/{f}%4",
                "/api/{f}%zz",
                "/api/{f}%g0",
                "/%%61pi/{f}",
                "/api/{f}%ff",
                "/api/{f}%80",
                "/api/{f}%c3",
                "/api/{f}%ed%a0%80",
                "/api/{f}#x",
                "/api/{f}%fe%ff")) {
            all.add(new Spelling(p, Kind.BAD));
        }
        for (String p : List.of("/api/..", "/api/{f}/../..", "/%2e", "/x/..", "/./", "//")) {
            all.add(new Spelling(p, Kind.INDEX));
        }
        // Raw bytes the request line should not carry: refused, or (raw UTF-8) decoded to a function path.
        for (String p : List.of("/api/{f}\u0000", "/api/\t{f}", "/api/{f}\u007f", "/api/\u0001{f}")) {
            all.add(new Spelling(p, Kind.RAW_BAD));
        }
        all.add(new Spelling("/api/\u00c3\u00a9{f}", Kind.FUNCTION_OR_REFUSED));
        all.add(new Spelling("/api/\"{f}", Kind.FUNCTION_OR_REFUSED));
        all.add(new Spelling("/api", Kind.FUNCTION_OR_REFUSED));
        return all;
    }

    /**
     * The table: every spelling for {@code main.js} with GET, HEAD and POST on {@code app.localhost}, and with GET on
     * three other spellings of the same Host; every spelling for {@code lib.js} with GET.
     */
    static List<HostileCase> cases(int port) {
        List<HostileCase> cases = new ArrayList<>();
        for (Spelling spelling : spellings()) {
            for (String method : List.of("GET", "HEAD", "POST")) {
                // A request line the parser cannot read is not known to be a HEAD: its 400 may carry a body.
                if (!(method.equals("HEAD") && spelling.kind() == Kind.RAW_BAD)) {
                    cases.add(of(method, spelling, "main.js", "app.localhost"));
                }
            }
            for (String host : List.of("APP.LocalHost", "app.localhost.", "app.localhost:" + port)) {
                cases.add(of("GET", spelling, "main.js", host));
            }
            if (spelling.path().contains("{f}")) {
                cases.add(of("GET", spelling, "lib.js", "app.localhost"));
            }
        }
        return cases;
    }

    /**
     * Spellings of {@code /_fazt/} on the app, admin and an unknown host: health is answered on any host however it
     * is spelled; other platform paths are never the app's files.
     */
    static List<HostileCase> platformCases() {
        List<HostileCase> cases = new ArrayList<>();
        for (String host : List.of("app.localhost", "admin.localhost", "nobody.localhost")) {
            for (String path : List.of(
                    "/_fazt/health",
                    "//_fazt/health",
                    "/%5ffazt/health",
                    "/%5Ffazt/health",
                    "/_fazt/./health",
                    "/_fazt//health",
                    "/x/../_fazt/health",
                    "/_fazt/%68ealth",
                    "/api/../_fazt/health")) {
                cases.add(platform(path, host, Expect.status(200)));
            }
            for (String path : List.of(
                    "/_FAZT/health",
                    "/_fazt/health;x",
                    "/_fazt/healthz",
                    "/%255ffazt/health",
                    "/_fazt/",
                    "/_fazt",
                    "/_fazt/api/main.js",
                    "/_fazt/../api/../_fazt/x")) {
                cases.add(platform(path, host, Expect.status(404)));
            }
            for (String path : List.of(
                    "/_fazt%2fhealth",
                    "/_fazt%5chealth", "/_fazt/health%00", "/_fazt/%2e%2e/%2e%2e/x", "/_fazt/health%c0%af")) {
                cases.add(platform(path, host, Expect.status(400)));
            }
        }
        for (String path : List.of(
                "/_fazt/setup/nope",
                "/_fazt/runs/x",
                "/_fazt/async/x",
                "/_fazt/hooks/x",
                "/%5ffazt/hooks/x",
                "/_fazt/auth/me",
                "/_fazt/auth/%6cogin")) {
            cases.add(platform(
                    path,
                    "app.localhost",
                    Expect.status(400, 401, 403, 404, 405).or(Expect.status(302, 303))));
        }
        return cases;
    }

    private static HostileCase platform(String path, String host, Expect expect) {
        return HostileCase.of(
                "platform GET " + path + " Host:" + host,
                "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n",
                expect);
    }

    static HostileCase of(String method, Spelling spelling, String file, String host) {
        String path = spelling.path().replace("{f}", file);
        String body = method.equals("POST") ? "Content-Length: 2\r\nContent-Type: application/json\r\n\r\n{}" : "\r\n";
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + body;
        String name = "path " + method + " " + printable(path) + " Host:" + host;
        return HostileCase.of(name, request, expect(spelling.kind(), method));
    }

    static Expect expect(Kind kind, String method) {
        boolean head = method.equals("HEAD");
        boolean get = method.equals("GET") || head;
        return switch (kind) {
            case FUNCTION -> Expect.function(head);
            case NOT_FOUND -> get ? Expect.status(404) : Expect.status(404, 405);
            case BAD -> Expect.status(400);
            case RAW_BAD -> Expect.closedWith(400);
            case INDEX -> get ? Expect.page(INDEX, head) : Expect.status(405);
            case FUNCTION_OR_REFUSED -> Expect.function(head).or(Expect.any4xx());
        };
    }

    /** A case name with control and non-ASCII characters spelled out. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
