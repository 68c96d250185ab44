package fazt.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One row of the hostile-request table: what is sent over a fresh raw connection ({@link Probe}) and what the ADR 19
 * edge must answer ({@link Expect}). Whatever the row, the edge's answer is also checked for the app's server source,
 * for well-formedness, and the app must still answer afterwards (EdgeHostileE2E).
 */
record HostileCase(String name, String sent, Probe probe, Expect expect) {
    /** Function JSON, without the server-source marker: what a request reaching {@code /api/} canonically gets. */
    static final String FUNCTION_JSON = "{\"from\":\"function\",\"ok\":true}";
    /** How long a case waits for a close the ADR requires, or for a smuggled second answer. */
    static final int CLOSE_WAIT_MS = 1_500;

    /** Sends {@code request} in one write and reads one answer (plus what follows, when the answer must close). */
    static HostileCase of(String name, String request, Expect expect) {
        return of(name, RawHttp.ascii(request), expect);
    }

    static HostileCase of(String name, byte[] request, Expect expect) {
        boolean head = startsWith(request, "HEAD ");
        return new HostileCase(
                name,
                new String(request, StandardCharsets.ISO_8859_1),
                port -> {
                    try (RawHttp http = RawHttp.connect(port)) {
                        http.send(request);
                        return Outcome.readOn(http, head, 1, expect.awaitsClose());
                    }
                },
                expect);
    }

    /** Several requests in one write, read as answers in order, one per entry of {@code heads} (true: a HEAD). */
    static HostileCase pipelined(String name, String requests, boolean[] heads, Expect expect) {
        return new HostileCase(
                name,
                requests,
                port -> {
                    try (RawHttp http = RawHttp.connect(port)) {
                        http.send(requests);
                        List<RawHttp.Response> answers = new ArrayList<>();
                        for (boolean head : heads) {
                            RawHttp.Response answer = http.read(head);
                            if (answer == null) {
                                break;
                            }
                            answers.add(answer);
                        }
                        if (expect.awaitsClose()) {
                            Outcome.drain(http, answers);
                        }
                        return new Outcome(answers, http.closed(), http.received());
                    }
                },
                expect);
    }

    static boolean startsWith(byte[] bytes, String prefix) {
        return bytes.length >= prefix.length()
                && Arrays.equals(Arrays.copyOf(bytes, prefix.length()), RawHttp.ascii(prefix));
    }

    /** The bytes sent, control characters spelled out, shortened for a failure message. */
    String sentForReport() {
        String printable = PathCases.printable(sent);
        return printable.length() <= 400
                ? printable
                : printable.substring(0, 300) + "...(" + sent.length() + " bytes)..."
                        + printable.substring(printable.length() - 80);
    }

    @Override
    public String toString() {
        return name;
    }

    /** What a case does over the wire. */
    interface Probe {
        Outcome run(int port) throws IOException;
    }

    /** The answers read, whether the gateway closed (or reset) the connection, and every byte it sent. */
    record Outcome(List<RawHttp.Response> responses, boolean closed, byte[] raw) {
        static Outcome readOn(RawHttp http, boolean head, int count, boolean awaitClose) throws IOException {
            List<RawHttp.Response> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RawHttp.Response answer = http.read(head);
                if (answer == null) {
                    break;
                }
                answers.add(answer);
            }
            if (awaitClose) {
                drain(http, answers);
            }
            return new Outcome(answers, http.closed(), http.received());
        }

        /** Reads whatever else comes (a smuggled request's answer) until the gateway closes or stays silent. */
        static void drain(RawHttp http, List<RawHttp.Response> answers) throws IOException {
            for (RawHttp.Response more = http.read(false, CLOSE_WAIT_MS);
                    more != null;
                    more = http.read(false, CLOSE_WAIT_MS)) {
                answers.add(more);
            }
        }

        RawHttp.Response first() {
            return responses.isEmpty() ? null : responses.getFirst();
        }

        int status() {
            return responses.isEmpty() ? -1 : responses.getFirst().status();
        }

        @Override
        public String toString() {
            return (responses.isEmpty() ? "no answer" : responses.toString()) + (closed ? ", closed" : ", open");
        }
    }

    /** An expected outcome, in words for the report. */
    record Expect(String text, boolean awaitsClose, Predicate<Outcome> test) {
        /** 200 with the function's JSON: the path is {@code /api/...} canonically. */
        static Expect function(boolean head) {
            return new Expect(
                    "200 from the function",
                    false,
                    o -> o.status() == 200 && (head || o.first().text().contains("\"from\":\"function\"")));
        }

        static Expect page(String content, boolean head) {
            return new Expect(
                    "200 with the static page",
                    false,
                    o -> o.status() == 200 && (head || o.first().text().equals(content)));
        }

        static Expect status(int... statuses) {
            return new Expect("status " + Arrays.toString(statuses), false, o -> Arrays.stream(statuses)
                    .anyMatch(s -> s == o.status()));
        }

        /** Exactly one answer with {@code status}, then the connection closes. */
        static Expect closedWith(int status) {
            return new Expect(
                    status + " then closed",
                    true,
                    o -> o.responses().size() == 1 && o.status() == status && o.closed());
        }

        static Expect any4xx() {
            return new Expect("any 4xx", false, o -> o.status() >= 400 && o.status() < 500);
        }

        /** A clean 4xx, or a connection closed without any answer. */
        static Expect refused() {
            return new Expect(
                    "4xx or closed",
                    false,
                    o -> o.responses().isEmpty()
                            ? o.closed()
                            : o.responses().size() == 1 && o.status() >= 400 && o.status() < 500);
        }

        /** A clean 4xx and a closed connection, or a connection closed without any answer; never a second answer. */
        static Expect refusedAndClosed() {
            return new Expect(
                    "4xx or nothing, then closed",
                    true,
                    o -> o.responses().size() <= 1
                            && o.closed()
                            && (o.responses().isEmpty() || o.status() >= 400 && o.status() < 500));
        }

        /** Served normally, or refused: the ADR leaves the choice to the gateway (e.g. {@code Chunked}). */
        static Expect servedOrRefused(Expect served) {
            return served.or(refusedAndClosed());
        }

        Expect or(Expect other) {
            return new Expect(text + " | " + other.text, awaitsClose || other.awaitsClose, test.or(other.test));
        }
    }
}
