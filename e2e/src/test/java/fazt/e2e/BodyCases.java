package fazt.e2e;

import static fazt.e2e.HostileCase.Expect.any4xx;
import static fazt.e2e.HostileCase.Expect.closedWith;
import static fazt.e2e.HostileCase.Expect.status;

import fazt.e2e.HostileCase.Expect;
import fazt.e2e.HostileCase.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pipelining and bodies (ADR 19, the body modes of the routes): pipelined requests answered in order and the
 * pipelining cap, bodies on routes that take none (up to 8 KiB read and dropped, past it 413 and closed), and large
 * unauthenticated bodies for the admin login route and its spellings (buffered, 16 KiB, nothing stored).
 */
final class BodyCases {
    static final String A = "GET /a.txt HTTP/1.1\r\nHost: app.localhost\r\n\r\n";
    static final String B = "GET /b.txt HTTP/1.1\r\nHost: app.localhost\r\n\r\n";
    static final String FN = "GET /api/x HTTP/1.1\r\nHost: app.localhost\r\n\r\n";
    /** More pipelined requests than a connection may queue (EdgeHandler.MAX_PIPELINED is 16). */
    static final int TOO_MANY_PIPELINED = 40;

    private BodyCases() {}

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        pipelining(cases);
        staticBodies(cases);
        logins(cases);
        return cases;
    }

    /** Answers in order: each is 200 and its body contains the matching fragment (null for a HEAD answer). */
    static Expect inOrder(String... fragments) {
        return new Expect("200s in order " + Arrays.toString(fragments), false, o -> {
            if (o.responses().size() != fragments.length) {
                return false;
            }
            for (int i = 0; i < fragments.length; i++) {
                RawHttp.Response r = o.responses().get(i);
                if (r.status() != 200 || fragments[i] != null && !r.text().contains(fragments[i])) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean[] gets(int count) {
        return new boolean[count];
    }

    private static void pipelining(List<HostileCase> cases) {
        String fn = "\"from\":\"function\"";
        cases.add(HostileCase.pipelined("pipelined static, static", A + B, gets(2), inOrder("A", "B")));
        cases.add(HostileCase.pipelined(
                "pipelined static, function, static", A + FN + B, gets(3), inOrder("A", fn, "B")));
        cases.add(HostileCase.pipelined("pipelined function, static", FN + A, gets(2), inOrder(fn, "A")));
        cases.add(HostileCase.pipelined(
                "pipelined HEAD, GET", A.replace("GET", "HEAD") + B, new boolean[] {true, false}, inOrder(null, "B")));
        cases.add(HostileCase.pipelined(
                "pipelined //api spelling, static",
                FN.replace("/api/x", "//api/main.js") + B,
                gets(2),
                inOrder(fn, "B")));
        cases.add(HostileCase.pipelined(
                "pipelined 16 function calls",
                FN.repeat(16),
                gets(16),
                new Expect(
                        "16 answers",
                        false,
                        o -> o.responses().size() == 16
                                && o.responses().stream().allMatch(r -> r.status() == 200))));
        cases.add(HostileCase.pipelined(
                "pipelined " + TOO_MANY_PIPELINED + " function calls",
                FN.repeat(TOO_MANY_PIPELINED),
                gets(TOO_MANY_PIPELINED),
                new Expect(
                        "closed before all are answered",
                        true,
                        o -> o.closed()
                                && o.responses().size() < TOO_MANY_PIPELINED
                                && o.responses().stream().allMatch(r -> r.status() == 200))));
        cases.add(HostileCase.pipelined(
                "pipelined after Connection: close",
                A.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + B,
                gets(2),
                new Expect("one answer, closed", true, o -> o.responses().size() == 1 && o.closed())));
        cases.add(HostileCase.pipelined(
                "pipelined garbage after a good request",
                A + "GET / HTTP/1.1\nHost: x\n\n" + B,
                gets(3),
                new Expect(
                        "A, then refused and closed",
                        true,
                        o -> o.status() == 200
                                && o.closed()
                                && o.responses().size() <= 2
                                && o.responses().stream().skip(1).allMatch(r -> r.status() / 100 == 4))));
    }

    private static void staticBodies(List<HostileCase> cases) {
        for (String head : List.of(
                "GET / HTTP/1.1",
                "HEAD / HTTP/1.1",
                "GET /_fazt/health HTTP/1.1",
                "POST /index.html HTTP/1.1",
                "GET /no-such-page HTTP/1.1",
                "GET /_fazt/nothing HTTP/1.1",
                "OPTIONS /a.txt HTTP/1.1")) {
            boolean head0 = head.startsWith("HEAD");
            String start = head + "\r\nHost: app.localhost\r\n";
            for (int size : new int[] {100, 8 * 1024}) {
                String body = "x".repeat(size);
                cases.add(HostileCase.pipelined(
                        "body " + size + " B on " + head + ", then A on the same connection",
                        start + "Content-Length: " + size + "\r\n\r\n" + body + A,
                        new boolean[] {head0, false},
                        new Expect(
                                "answered (200, 204, 404 or 405), then A",
                                false,
                                o -> o.responses().size() == 2
                                        && List.of(200, 204, 404, 405).contains(o.status())
                                        && o.responses().get(1).text().equals("A"))));
            }
            cases.add(HostileCase.pipelined(
                    "chunked body 100 B on " + head + ", then A",
                    start + "Transfer-Encoding: chunked\r\n\r\n64\r\n" + "x".repeat(100) + "\r\n0\r\n\r\n" + A,
                    new boolean[] {head0, false},
                    new Expect(
                            "answered, then A",
                            false,
                            o -> o.responses().size() == 2
                                    && o.responses().get(1).text().equals("A"))));
            cases.add(
                    large("body 8 KiB + 1 on " + head, start + "Content-Length: 8193\r\n\r\n", 8193, closedWith(413)));
            cases.add(large(
                    "body 1 MiB on " + head, start + "Content-Length: 1048576\r\n\r\n", 1 << 20, closedWith(413)));
            cases.add(HostileCase.of(
                    "chunked body 20 KiB on " + head,
                    start + "Transfer-Encoding: chunked\r\n\r\n" + ("400\r\n" + "x".repeat(1024) + "\r\n").repeat(20)
                            + "0\r\n\r\n",
                    closedWith(413)));
        }
        cases.add(large(
                "body 200 KiB to the function",
                "POST /api/x HTTP/1.1\r\nHost: app.localhost\r\n" + "Content-Length: 204800\r\n\r\n",
                204800,
                HostileCase.Expect.function(false)));
    }

    private static void logins(List<HostileCase> cases) {
        List<String> canonical = List.of(
                "/api/auth/login",
                "/%61pi/auth/login",
                "/api/%61uth/login",
                "/api/auth/%6Cogin",
                "//api/auth/login",
                "/api/auth/./login",
                "/api/x/../auth/login",
                "/api//auth//login",
                "/%61%70%69/%61%75%74%68/%6c%6f%67%69%6e",
                "/api/auth/signup",
                "/api/auth/setup",
                "/api/auth/%2e/setup");
        List<String> others = List.of(
                "/api/auth/login/",
                "/API/auth/login",
                "/api/auth/login;x",
                "/api/auth/login%20",
                "/api/apps/app/files/x.bin");
        for (String path : canonical) {
            logins(cases, path, status(413));
        }
        for (String path : others) {
            logins(cases, path, any4xx());
        }
        String login = "{\"email\":\"a@b.c\",\"password\":\"nope!\"}";
        cases.add(HostileCase.of(
                "small login with a wrong password",
                "POST /api/auth/login HTTP/1.1\r\nHost: "
                        + "admin.localhost\r\nContent-Type: application/json\r\nContent-Length: " + login.length()
                        + "\r\n\r\n" + login,
                status(400, 401, 403, 429)));
        for (String path : List.of(
                "/_fazt/auth/login", "/_fazt/auth/logout", "/_fazt/async/job", "/%5ffazt/hooks/x", "/_fazt/runs/x")) {
            cases.add(large(
                    "app platform " + path + " with 1 MiB",
                    "POST " + path + " HTTP/1.1\r\nHost: " + "app.localhost\r\nContent-Length: 1048576\r\n\r\n",
                    1 << 20,
                    any4xx()));
        }
    }

    private static void logins(List<HostileCase> cases, String path, Expect expect) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: admin.localhost\r\n";
        cases.add(large(
                "login " + path + " with 20 KiB json",
                head + "Content-Type: application/json\r\n" + "Content-Length: 20480\r\n\r\n",
                20480,
                expect));
        cases.add(large(
                "login " + path + " with 1 MiB binary",
                head + "Content-Type: application/octet-stream\r\n" + "Content-Length: 1048576\r\n\r\n",
                1 << 20,
                expect));
        cases.add(HostileCase.of(
                "login " + path + " with 20 KiB chunked",
                head + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + ("400\r\n" + "x".repeat(1024) + "\r\n").repeat(20)
                        + "0\r\n\r\n",
                expect));
    }

    /**
     * A head declaring a large body, then (unless the gateway answered on the head alone at once) the body:
     * the gateway may refuse on the declared length or after reading past its limit.
     */
    static HostileCase large(String name, String head, int size, Expect expect) {
        boolean isHead = head.startsWith("HEAD ");
        return new HostileCase(
                name,
                head + "(" + size + " body bytes unless answered)",
                port -> {
                    try (RawHttp http = RawHttp.connect(port)) {
                        http.send(head);
                        RawHttp.Response early = http.read(isHead, 500);
                        List<RawHttp.Response> answers = new ArrayList<>();
                        if (early != null) {
                            answers.add(early);
                        } else if (!http.closed()) {
                            http.send(new byte[size]);
                            RawHttp.Response answer = http.read(isHead);
                            if (answer != null) {
                                answers.add(answer);
                            }
                        }
                        if (expect.awaitsClose()) {
                            Outcome.drain(http, answers);
                        }
                        return new Outcome(answers, http.closed(), http.received());
                    }
                },
                expect);
    }
}
