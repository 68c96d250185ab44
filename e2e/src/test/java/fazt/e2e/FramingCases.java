package fazt.e2e;

import static fazt.e2e.HostileCase.Expect.closedWith;
import static fazt.e2e.HostileCase.Expect.function;
import static fazt.e2e.HostileCase.Expect.page;
import static fazt.e2e.HostileCase.Expect.refused;
import static fazt.e2e.HostileCase.Expect.refusedAndClosed;
import static fazt.e2e.HostileCase.Expect.servedOrRefused;
import static fazt.e2e.HostileCase.Expect.status;

import fazt.e2e.HostileCase.Expect;
import fazt.e2e.HostileCase.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Header abuse and framing (ADR 19, "Limits at the socket" and "Framing"): the request line and header limits, line
 * endings, obs-fold, Content-Length and Transfer-Encoding for request smuggling, and {@code Expect}.
 */
final class FramingCases {
    private static final String INDEX = PathCases.INDEX;
    /** A request that must never be answered on its own when hidden in a body. */
    static final String SMUGGLED = "GET /api/lib.js HTTP/1.1\r\nHost: app.localhost\r\n\r\n";

    private FramingCases() {}

    static List<HostileCase> cases() {
        List<HostileCase> cases = new ArrayList<>();
        limits(cases);
        lines(cases);
        smuggling(cases);
        expect(cases);
        return cases;
    }

    private static String get(String target, String... fields) {
        return "GET " + target + " HTTP/1.1\r\nHost: app.localhost\r\n" + String.join("", fields) + "\r\n";
    }

    private static void limits(List<HostileCase> cases) {
        cases.add(
                HostileCase.of("header of 17 KiB", get("/", "X-Big: " + "a".repeat(17 * 1024) + "\r\n"), status(431)));
        cases.add(HostileCase.of(
                "header name of 17 KiB", get("/", "X" + "a".repeat(17 * 1024) + ": b\r\n"), status(431)));
        cases.add(HostileCase.of("20 headers of 1 KiB", get("/", fields(20, 1024)), status(431)));
        cases.add(HostileCase.of("101 headers", get("/", fields(100, 1)), status(431)));
        cases.add(HostileCase.of("2000 headers", get("/", fields(2000, 1)), status(431)));
        cases.add(HostileCase.of("100 headers with Host", get("/", fields(99, 1)), page(INDEX, false)));
        cases.add(HostileCase.of("15 KiB of headers", get("/", fields(15, 1000)), page(INDEX, false)));
        cases.add(HostileCase.of("request line 4097 bytes", get("/" + "a".repeat(4096 - 15)), status(414)));
        cases.add(HostileCase.of("request line 10 KiB", get("/api/" + "a".repeat(10 * 1024)), status(414)));
        cases.add(HostileCase.of("query makes the line 5 KiB", get("/api/main.js?q=" + "a".repeat(5000)), status(414)));
        cases.add(HostileCase.of("path of 2049 characters", get("/" + "a".repeat(2048)), status(414)));
        cases.add(HostileCase.of("path of 2048 characters", get("/" + "a".repeat(2047)), status(404)));
        cases.add(HostileCase.of("path of 1025 characters", get("/" + "a".repeat(1024)), status(404)));
        cases.add(HostileCase.of("encoded path over the line limit", get("/" + "%61".repeat(1400)), status(414)));
        cases.add(HostileCase.of(
                "encoded api path of 1000 characters", get("/api/" + "%61".repeat(1000)), function(false)));
    }

    private static String fields(int count, int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("X-F").append(i).append(": ").append("v".repeat(size)).append("\r\n");
        }
        return out.toString();
    }

    private static void lines(List<HostileCase> cases) {
        Expect parserRefusal = closedWith(400);
        cases.add(HostileCase.of("bare LF everywhere", "GET / HTTP/1.1\nHost: app.localhost\n\n", parserRefusal));
        cases.add(HostileCase.of("bare LF in headers", "GET / HTTP/1.1\r\nHost: app.localhost\n\n", parserRefusal));
        cases.add(
                HostileCase.of("bare LF ends the head", "GET / HTTP/1.1\r\nHost: app.localhost\r\n\n", parserRefusal));
        cases.add(HostileCase.of(
                "bare LF smuggles a header",
                "GET / HTTP/1.1\r\nX-A: b\nHost: admin.localhost\r\n" + "Host: app.localhost\r\n\r\n",
                closedWith(400)));
        cases.add(HostileCase.of("bare CR", "GET / HTTP/1.1\rHost: app.localhost\r\n\r\n", closedWith(400)));
        cases.add(HostileCase.of("bare CR in a value", get("/", "X-A: a\rb\r\n"), closedWith(400)));
        cases.add(HostileCase.of("CR CR LF", "GET / HTTP/1.1\r\r\nHost: app.localhost\r\n\r\n", closedWith(400)));
        cases.add(HostileCase.of("NUL in a value", get("/", "X-A: a\u0000b\r\n"), closedWith(400)));
        cases.add(HostileCase.of("obs-fold", get("/", "X-A: a\r\n b\r\n"), page(INDEX, false)));
        cases.add(HostileCase.of("obs-fold with tab", get("/", "X-A: a\r\n\tb\r\n"), page(INDEX, false)));
        cases.add(HostileCase.of(
                "obs-fold first line", "GET / HTTP/1.1\r\n X-A: b\r\nHost: app.localhost\r\n\r\n", closedWith(400)));
        cases.add(HostileCase.of("header without colon", get("/", "X-A\r\n"), closedWith(400)));
        cases.add(HostileCase.of("space in header name", get("/", "X A: b\r\n"), closedWith(400)));
        cases.add(HostileCase.of("empty header name", get("/", ": b\r\n"), closedWith(400)));
        cases.add(HostileCase.of("separator in header name", get("/", "X(A): b\r\n"), closedWith(400)));
        cases.add(HostileCase.of(
                "raw UTF-8 in a value",
                get("/", "X-A: \u00c3\u00a9\r\n"),
                page(INDEX, false).or(refused())));
    }

    private static void smuggling(List<HostileCase> cases) {
        String chunkedHello = "5\r\nhello\r\n0\r\n\r\n";
        List<String> targets = List.of(
                "POST / HTTP/1.1\r\nHost: app.localhost\r\n",
                "POST /api/x HTTP/1.1\r\nHost: app.localhost\r\n",
                "POST /api/auth/login HTTP/1.1\r\nHost: admin.localhost\r\nContent-Type: application/json\r\n");
        for (String head : targets) {
            String where = head.substring(0, head.indexOf(" HTTP")) + (head.contains("admin.") ? " (admin)" : "");
            cases.add(HostileCase.of(
                    "CL.TE " + where,
                    head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + "0\r\n\r\n" + SMUGGLED,
                    closedWith(400)));
            cases.add(HostileCase.of(
                    "TE.CL " + where,
                    head + "Transfer-Encoding: chunked\r\nContent-Length: 60\r\n\r\n" + chunkedHello + SMUGGLED,
                    closedWith(400)));
            cases.add(HostileCase.of(
                    "CL.TE Chunked " + where,
                    head + "Content-Length: 5\r\nTransfer-Encoding: Chunked" + "\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    closedWith(400)));
            cases.add(HostileCase.of(
                    "CL.TE identity " + where,
                    head + "Content-Length: 60\r\nTransfer-Encoding: " + "identity\r\n\r\n" + chunkedHello + SMUGGLED,
                    closedWith(400)));
            for (String te : List.of(
                    "chunked, identity",
                    "xchunked",
                    "identity",
                    "gzip, chunked",
                    "chunked, chunked",
                    "chunked;x=1",
                    "\"chunked\"",
                    "chunked\r\nTransfer-Encoding: identity",
                    "identity\r\nTransfer-Encoding: chunked",
                    "chunked\u000b",
                    "chunk")) {
                cases.add(HostileCase.of(
                        "TE '" + PathCases.printable(te) + "' " + where,
                        head + "Transfer-Encoding: " + te + "\r\n\r\n" + chunkedHello + SMUGGLED,
                        closedWith(400)));
            }
            cases.add(HostileCase.of(
                    "TE space before colon " + where,
                    head + "Transfer-Encoding : chunked\r\n" + "Content-Length: 5\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    closedWith(400)));
            cases.add(HostileCase.of(
                    "CL differing " + where,
                    head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n" + "hello!" + SMUGGLED,
                    closedWith(400)));
            cases.add(HostileCase.of(
                    "CL list differing " + where,
                    head + "Content-Length: 5, 6\r\n\r\nhello!" + SMUGGLED,
                    closedWith(400)));
            for (String size : List.of("zz", "fffffffffffffffffffff", "-5")) {
                // a function's body streams on before it is read whole: the edge can only close (ADR 19)
                cases.add(HostileCase.of(
                        "chunk size '" + size + "' " + where,
                        head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n0\r\n\r\n" + SMUGGLED,
                        where.contains("/api/x") ? closedWith(400).or(refusedAndClosed()) : closedWith(400)));
            }
            for (String cl : List.of("-1", "+5", "0x5", "5 5", "1e1", "", "5a", "99999999999999999999999")) {
                cases.add(HostileCase.of(
                        "CL '" + cl + "' " + where,
                        head + "Content-Length: " + cl + "\r\n\r\n" + "hello" + SMUGGLED,
                        cl.length() > 10 ? closedWith(400).or(closedWith(413)) : closedWith(400)));
            }
        }
        String fn = "POST /api/x HTTP/1.1\r\nHost: app.localhost\r\n";
        for (String te : List.of("Chunked", "CHUNKED", "  chunked  ", "\tchunked")) {
            cases.add(HostileCase.of(
                    "TE odd spelling '" + PathCases.printable(te) + "' reaches the function",
                    fn + "Transfer-Encoding:" + te + "\r\n\r\n" + chunkedHello,
                    servedOrRefused(function(false))));
        }
        cases.add(HostileCase.of(
                "CL identical twice",
                fn + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                servedOrRefused(function(false))));
        cases.add(HostileCase.of(
                "a request inside a body is body",
                fn + "Content-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
                new Expect(
                        "one function answer, no second",
                        true,
                        o -> o.responses().size() == 1 && o.status() == 200)));
    }

    private static void expect(List<HostileCase> cases) {
        String body = "{\"a\":\"b\"}";
        String fn = "POST /api/x HTTP/1.1\r\nHost: app.localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n";
        cases.add(continued("Expect 100-continue reaches the function", fn + "Expect: 100-continue\r\n\r\n", body));
        cases.add(continued("Expect 100-continue on a static GET", get("/", "Expect: 100-continue\r\n"), ""));
        cases.add(HostileCase.of("Expect foo", get("/", "Expect: foo\r\n"), status(417)));
        cases.add(HostileCase.of("Expect foo to the function", fn + "Expect: foo\r\n\r\n" + body, status(417)));
        cases.add(
                HostileCase.of("Expect 100-continue and foo", get("/", "Expect: 100-continue, foo\r\n"), status(417)));
        cases.add(HostileCase.of(
                "Expect 100-Continue",
                get("/", "Expect: 100-Continue\r\n"),
                page(INDEX, false).or(status(417))));
        cases.add(continued(
                "Expect 100-continue before a big login body is refused at once",
                "POST /api/auth/login HTTP/1.1\r\nHost: admin.localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000000\r\nExpect: 100-continue\r\n\r\n",
                null));
    }

    /**
     * Sends the head, waits for {@code 100 Continue} (or an early final answer), then the body. A null body means
     * the gateway must refuse on the head alone: 413 without any {@code 100} and without the body being sent.
     */
    static HostileCase continued(String name, String head, String body) {
        Expect expect = body == null
                ? new Expect("413 at once, no 100", false, o -> o.responses().size() == 1 && o.status() == 413)
                : new Expect(
                        "100 (optional) then 200",
                        false,
                        o -> !o.responses().isEmpty()
                                && o.responses().getLast().status() == 200
                                && o.responses().stream()
                                        .limit(o.responses().size() - 1)
                                        .allMatch(r -> r.status() == 100));
        return new HostileCase(
                name,
                head + (body == null ? "(no body sent)" : "(after 100) " + body),
                port -> {
                    try (RawHttp http = RawHttp.connect(port)) {
                        http.send(head);
                        List<RawHttp.Response> answers = new ArrayList<>();
                        RawHttp.Response first = http.read(false, 5_000);
                        if (first != null) {
                            answers.add(first);
                        }
                        if (body != null && (first == null || first.status() == 100)) {
                            http.send(body);
                            RawHttp.Response last = http.read(false);
                            if (last != null) {
                                answers.add(last);
                            }
                        }
                        return new Outcome(answers, http.closed(), http.received());
                    }
                },
                expect);
    }
}
