package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {
    private final ManifestParser parser = new ManifestParser();

    private Manifest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryKnownKey() {
        Manifest m = parse("""
                {"name": "Blog", "spa": true,
                 "headers": {"/assets/**": {"Cache-Control": "public, max-age=60", "X-Frame-Options": "DENY"}},
                 "redirects": [{"from": "/old", "to": "/new"}, {"from": "/x/*", "to": "https://example.com/", "status": 302}]}
                """);
        assertThat(m.name()).isEqualTo("blog");
        assertThat(m.spa()).isEqualTo("index.html");
        assertThat(m.headers()).singleElement().satisfies(h -> assertThat(h.headers()).containsEntry("X-Frame-Options", "DENY"));
        assertThat(m.redirects()).extracting(Manifest.Redirect::status).containsExactly(301, 302);
    }

    @Test
    void envListsTheNamesTheCodeNeeds() {
        assertThat(parse("{\"env\": [\"API_KEY\", \"_X1\"]}").env()).containsExactly("API_KEY", "_X1");
        assertThat(parse("{}").env()).isEmpty();
    }

    @Test
    void spaMayNameItsEntry() {
        assertThat(parse("{\"spa\": \"/app.html\"}").spa()).isEqualTo("app.html");
        assertThat(parse("{\"spa\": false}").spa()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"nmae\": \"x\"}                                        | fazt.json: nmae: unknown key (known: name, spa, headers, redirects, env)",
            "[1]                                                      | fazt.json: must be a JSON object",
            "{\"spa\": 3}                                             | fazt.json: spa: must be true, false or the entry file's path",
            "{\"headers\": {\"/a\": {\"Content-Length\": \"1\"}}}     | fazt.json: headers./a.Content-Length: is set by fazt and cannot be overridden",
            "{\"headers\": {\"/a\": {\"X-A\": \"1\\r\\nSet-Cookie: a\"}}} | fazt.json: headers./a.X-A: must be a string without line breaks, at most 4096 characters",
            "{\"headers\": {\"a\": {}}}                               | fazt.json: headers.a: path patterns start with /",
            "{\"redirects\": [{\"from\": \"/a\", \"to\": \"//evil.com\"}]} | fazt.json: redirects[0].to: must be a path starting with / or an http(s) URL",
            "{\"redirects\": [{\"from\": \"/a\", \"to\": \"/b\", \"status\": 200}]} | fazt.json: redirects[0].status: must be 301, 302, 303, 307 or 308",
            "{\"redirects\": [{\"from\": \"/a\", \"to\": \"/b\", \"code\": 301}]}   | fazt.json: redirects[0].code: unknown key (known: from, to, status)",
            "{\"env\": \"API_KEY\"}                                 | fazt.json: env: must be a list of env var names, e.g. [\"API_KEY\"]",
            "{\"env\": [\"API_KEY\", 3]}                            | fazt.json: env[1]: must be a string",
            "{\"env\": [\"api_key\"]}                               | fazt.json: env[0]: \"api_key\" is not a valid name: use A-Z, 0-9 and _, not starting with a digit, at most 128 characters",
            "{\"env\": [\"KV\"]}                                    | fazt.json: env[0]: \"KV\" is reserved: env.KV is a binding fazt provides",
            "{\"env\": [\"FAZT_TOKEN\"]}                            | fazt.json: env[0]: \"FAZT_TOKEN\" is reserved: names starting with FAZT_ belong to the platform",
            "{\"env\": [\"A\", \"A\"]}                              | fazt.json: env[1]: \"A\" is listed twice"})
    void badManifestsNameTheOffendingKey(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(DeployException.ManifestRejected.class).hasMessage(message);
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\n \"spa\": tru }")).hasMessageStartingWith("fazt.json: is not valid JSON (line 2");
    }
}
