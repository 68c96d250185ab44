package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProblemMessageTest {
    record Case(String name, int status, String body, String line) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "detail and type",
                        404,
                        "{\"type\":\"https://errors.fazt.dev/deploy/app-not-found\",\"title\":\"App not found\",\"status\":404,"
                                + "\"detail\":\"No app called blog.\"}",
                        "No app called blog. (deploy/app-not-found)"),
                new Case(
                        "title when no detail",
                        409,
                        "{\"type\":\"https://errors.fazt.dev/deploy/name-taken\",\"title\":\"Name taken\",\"status\":409}",
                        "Name taken (deploy/name-taken)"),
                new Case(
                        "field errors",
                        422,
                        "{\"type\":\"https://errors.fazt.dev/deploy/invalid-request\",\"title\":\"Invalid request\","
                                + "\"status\":422,\"detail\":\"The request is invalid.\",\"errors\":["
                                + "{\"field\":\"as\",\"message\":\"must match [a-z0-9-]+\"},{\"field\":\"version\","
                                + "\"message\":\"must be positive\"}]}",
                        "The request is invalid: as: must match [a-z0-9-]+; version: must be positive "
                                + "(deploy/invalid-request)"),
                new Case(
                        "relative type",
                        401,
                        "{\"type\":\"/errors/auth/unauthorized\",\"title\":\"Unauthorized\"}",
                        "Unauthorized (auth/unauthorized)"),
                new Case("one-segment type", 400, "{\"type\":\"urn-ish\",\"title\":\"Bad\"}", "Bad (urn-ish)"),
                new Case(
                        "about:blank",
                        500,
                        "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\"," + "\"errorId\":\"k3v9\"}",
                        "Internal Server Error (HTTP 500)"),
                new Case(
                        "multi-line detail stays one line",
                        400,
                        "{\"type\":\"https://e.dev/a/b\",\"detail\":\"first\\n  second\"}",
                        "first second (a/b)"),
                new Case("not a problem", 502, "<html>Bad Gateway</html>", "the server answered HTTP 502"),
                new Case("empty 404", 404, "", "the server answered HTTP 404 (is this a fazt admin URL?)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineFromAProblem(Case c) {
        assertThat(ProblemMessage.of(c.status(), c.body())).isEqualTo(c.line());
    }
}
