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
        assertThat(m.headers()).singleElement().satisfies(h -> assertThat(h.headers())
                .containsEntry("X-Frame-Options", "DENY"));
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
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"nmae\": \"x\"}                                        | fazt.json: nmae: unknown key (known: name, spa, headers, redirects, env, cron, retry, concurrency, timeout, async, intake, mail)",
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
                "{\"env\": [\"A\", \"A\"]}                              | fazt.json: env[1]: \"A\" is listed twice"
            })
    void badManifestsNameTheOffendingKey(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(DeployException.ManifestRejected.class)
                .hasMessage(message);
    }

    @Test
    void cronEntriesAndRunPolicyAreRead() {
        Manifest m = parse("""
                {"cron": [{"schedule": "*/5  * * * *", "tz": "Europe/Berlin"}, {"every": "1h"},
                          {"every": "30s", "name": "sync", "catchup": "skip"}],
                 "retry": {"attempts": 5, "backoff": "2s"}, "concurrency": 2, "timeout": "10s"}
                """);
        assertThat(m.cron())
                .containsExactly(
                        new Manifest.CronEntry("*/5 * * * *", "*/5 * * * *", "Europe/Berlin", null, "once"),
                        new Manifest.CronEntry("every 1h", null, null, 3_600_000L, "once"),
                        new Manifest.CronEntry("sync", null, null, 30_000L, "skip"));
        assertThat(m.runs()).isEqualTo(new Manifest.RunPolicy(5, 2_000, 2, 10_000));
    }

    @Test
    void withoutTriggersTheDefaultsHold() {
        Manifest m = parse("{}");
        assertThat(m.cron()).isEmpty();
        assertThat(m.runs()).isEqualTo(new Manifest.RunPolicy(3, 1_000, 4, 30_000));
        assertThat(parse("{\"cron\": [{\"schedule\": \"0 3 * * *\"}]}")
                        .cron()
                        .getFirst()
                        .tz())
                .isEqualTo("UTC");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"cron\": {\"every\": \"1h\"}}                         | fazt.json: cron: must be a list of {schedule} or {every} entries",
                "{\"cron\": [{\"every\": \"1h\"}, {\"schedule\": \"61 * * * *\"}]} | fazt.json: cron[1].schedule: \"61 * * * *\" is not a valid unix cron expression (minute hour day-of-month month day-of-week)",
                "{\"cron\": [{\"schedule\": \"* * * *\"}]}               | fazt.json: cron[0].schedule: \"* * * *\" is not a valid unix cron expression (minute hour day-of-month month day-of-week)",
                "{\"cron\": [{\"schedule\": \"0 0 * * * *\"}]}           | fazt.json: cron[0].schedule: \"0 0 * * * *\" is not a valid unix cron expression (minute hour day-of-month month day-of-week)",
                "{\"cron\": [{\"schedule\": \"* * * * *\", \"tz\": \"Mars/Base\"}]} | fazt.json: cron[0].tz: \"Mars/Base\" is not a time zone id (e.g. Europe/Berlin, UTC)",
                "{\"cron\": [{\"every\": \"500ms\"}]}                    | fazt.json: cron[0].every: must be a duration of at least 1s, such as 30s, 5m, 1h or 1d",
                "{\"cron\": [{\"every\": \"soon\"}]}                     | fazt.json: cron[0].every: must be a duration of at least 1s, such as 30s, 5m, 1h or 1d",
                "{\"cron\": [{\"every\": 30}]}                            | fazt.json: cron[0].every: must be a string",
                "{\"cron\": [{\"every\": \"1m\", \"tz\": \"UTC\"}]} | fazt.json: cron[0].tz: applies to schedule only; every counts from the epoch",
                "{\"cron\": [{\"every\": \"1m\", \"schedule\": \"* * * * *\"}]} | fazt.json: cron[0]: needs exactly one of schedule (a cron expression) and every (an interval)",
                "{\"cron\": [{\"name\": \"x\"}]}                        | fazt.json: cron[0]: needs exactly one of schedule (a cron expression) and every (an interval)",
                "{\"cron\": [{\"every\": \"1m\", \"catchup\": \"all\"}]} | fazt.json: cron[0].catchup: must be \"once\" or \"skip\"",
                "{\"cron\": [{\"every\": \"1m\", \"when\": 1}]}       | fazt.json: cron[0].when: unknown key (known: schedule, every, tz, name, catchup)",
                "{\"cron\": [{\"every\": \"1m\", \"name\": \"a\"}, {\"every\": \"2m\", \"name\": \"a\"}]} | fazt.json: cron[1].name: \"a\" is used by an earlier schedule; give each schedule its own name",
                "{\"retry\": {\"attempts\": 0}}                          | fazt.json: retry.attempts: must be a whole number from 1 to 10",
                "{\"retry\": {\"backoff\": \"2h\"}}                     | fazt.json: retry.backoff: must be a duration from 100ms to 1h, such as 1s",
                "{\"retry\": {\"tries\": 2}}                             | fazt.json: retry.tries: unknown key (known: attempts, backoff)",
                "{\"concurrency\": 0}                                      | fazt.json: concurrency: must be a whole number from 1 to 100",
                "{\"timeout\": \"1h\"}                                    | fazt.json: timeout: must be a duration from 1s to 15m, such as 30s"
            })
    void badTriggersNameTheOffendingEntry(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(DeployException.ManifestRejected.class)
                .hasMessage(message);
    }

    @Test
    void asyncPathsAndIntakeLimitsAreRead() {
        Manifest m = parse("""
                {"async": ["resize", "jobs/*", "img-*.png", "batch/**", "v1/~user@x"],
                 "intake": {"perMinute": 600, "burst": 100, "maxStored": "512MiB"}}
                """);
        assertThat(m.async()).containsExactly("resize", "jobs/*", "img-*.png", "batch/**", "v1/~user@x");
        assertThat(m.intake()).isEqualTo(new Manifest.Intake(600, 100, 512L << 20));
        assertThat(parse("{\"intake\": {\"maxStored\": \"1024KiB\"}}").intake())
                .isEqualTo(new Manifest.Intake(60, 30, 1L << 20));
    }

    @Test
    void withoutADeclarationNothingIsAsyncAndTheDefaultLimitsHold() {
        Manifest m = parse("{}");
        assertThat(m.async()).isEmpty();
        assertThat(m.intake()).isEqualTo(new Manifest.Intake(60, 30, 64L << 20));
        assertThat(Manifest.EMPTY.async()).isEmpty();
        assertThat(Manifest.EMPTY.intake()).isEqualTo(Manifest.Intake.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"async\": \"resize\"}                 | fazt.json: async: must be a list of paths under /api/, e.g. [\"resize\", \"jobs/*\"]",
                "{\"async\": [7]}                        | fazt.json: async[0]: must be a string",
                "{\"async\": [\"/api/resize\"]}        | fazt.json: async[0]: \"/api/resize\" must be a path below /api/ without the leading /api/ or /, e.g. \"resize\" for /api/resize",
                "{\"async\": [\"\"]}                   | fazt.json: async[0]: \"\" must be 1 to 200 characters",
                "{\"async\": [\"a\", \"jobs//x\"]}   | fazt.json: async[1]: \"jobs//x\" has an empty, . or .. segment",
                "{\"async\": [\"jobs/../admin\"]}      | fazt.json: async[0]: \"jobs/../admin\" has an empty, . or .. segment",
                "{\"async\": [\"jobs/\"]}              | fazt.json: async[0]: \"jobs/\" has an empty, . or .. segment",
                "{\"async\": [\"a%2Fb\"]}              | fazt.json: async[0]: \"a%2Fb\" may hold only letters, digits, -._~!$&'()+,;=:@ and * (no %, ?, # or spaces)",
                "{\"async\": [\"run?x=1\"]}            | fazt.json: async[0]: \"run?x=1\" may hold only letters, digits, -._~!$&'()+,;=:@ and * (no %, ?, # or spaces)",
                "{\"async\": [\"**/x\"]}               | fazt.json: async[0]: \"**/x\" may use ** only as its whole last segment",
                "{\"async\": [\"a**\"]}                | fazt.json: async[0]: \"a**\" may use ** only as its whole last segment",
                "{\"async\": [\"a\", \"a\"]}         | fazt.json: async[1]: \"a\" is listed twice",
                "{\"intake\": 60}                        | fazt.json: intake: must be an object {perMinute, burst, maxStored}",
                "{\"intake\": {\"rate\": 60}}          | fazt.json: intake.rate: unknown key (known: perMinute, burst, maxStored)",
                "{\"intake\": {\"perMinute\": 0}}      | fazt.json: intake.perMinute: must be a whole number from 1 to 6000",
                "{\"intake\": {\"perMinute\": 1.5}}    | fazt.json: intake.perMinute: must be a whole number from 1 to 6000",
                "{\"intake\": {\"burst\": 1001}}       | fazt.json: intake.burst: must be a whole number from 1 to 1000",
                "{\"intake\": {\"maxStored\": \"2GiB\"}}  | fazt.json: intake.maxStored: must be a size from 1MiB to 1GiB, such as 64MiB or 512KiB (KiB, MiB or GiB)",
                "{\"intake\": {\"maxStored\": \"64MB\"}}  | fazt.json: intake.maxStored: must be a size from 1MiB to 1GiB, such as 64MiB or 512KiB (KiB, MiB or GiB)",
                "{\"intake\": {\"maxStored\": 67108864}} | fazt.json: intake.maxStored: must be a size from 1MiB to 1GiB, such as 64MiB or 512KiB (KiB, MiB or GiB)"
            })
    void badAsyncPathsAndIntakeLimitsNameTheOffendingEntry(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(DeployException.ManifestRejected.class)
                .hasMessage(message);
    }

    @Test
    void mailAddressesAreReadInLowerCase() {
        Manifest m = parse("""
                {"mail": {"addresses": ["Support", "sales", "first.last", "x+tag", "o'brien", "a{b}~"]}}
                """);
        assertThat(m.mailAddresses()).containsExactly("support", "sales", "first.last", "x+tag", "o'brien", "a{b}~");
        assertThat(parse("{}").mailAddresses()).isEmpty();
        assertThat(parse("{\"mail\": {}}").mailAddresses()).isEmpty();
        assertThat(Manifest.EMPTY.mailAddresses()).isEmpty();
        assertThat(parse("{\"mail\": {\"addresses\": [\"" + "a".repeat(64) + "\"]}}")
                        .mailAddresses())
                .containsExactly("a".repeat(64));
        String twenty = String.join(
                ", ",
                java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "\"a" + i + "\"")
                        .toList());
        assertThat(parse("{\"mail\": {\"addresses\": [" + twenty + "]}}").mailAddresses())
                .hasSize(20);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '\u00a7',
            value = {
                "{\"mail\": [\"support\"]} => fazt.json: mail: must be an object {addresses}",
                "{\"mail\": {\"address\": []}} => fazt.json: mail.address: unknown key (known: addresses)",
                "{\"mail\": {\"addresses\": \"support\"}} => fazt.json: mail.addresses: must be a list of local parts, e.g. [\"support\", \"sales\"]",
                "{\"mail\": {\"addresses\": [\"a\", 1]}} => fazt.json: mail.addresses[1]: must be a string",
                "{\"mail\": {\"addresses\": [\"a\", \"b@x.org\"]}} => fazt.json: mail.addresses[1]: \"b@x.org\" must be the part before @ only, e.g. \"support\" for support@your-domain",
                "{\"mail\": {\"addresses\": [\"\"]}} => fazt.json: mail.addresses[0]: \"\" must be 1 to 64 characters",
                "{\"mail\": {\"addresses\": [\"*\"]}} => fazt.json: mail.addresses[0]: \"*\" is a domain's catch-all, which only an admin can claim (fazt mail addresses add)",
                "{\"mail\": {\"addresses\": [\".a\"]}} => fazt.json: mail.addresses[0]: \".a\" is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them",
                "{\"mail\": {\"addresses\": [\"a..b\"]}} => fazt.json: mail.addresses[0]: \"a..b\" is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them",
                "{\"mail\": {\"addresses\": [\"a b\"]}} => fazt.json: mail.addresses[0]: \"a b\" is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them",
                "{\"mail\": {\"addresses\": [\"caf\u00e9\"]}} => fazt.json: mail.addresses[0]: \"caf\u00e9\" is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them",
                "{\"mail\": {\"addresses\": [\"a(b)\"]}} => fazt.json: mail.addresses[0]: \"a(b)\" is not a valid local part: letters, digits, !#$%&'*+-/=?^_`{|}~ and dots between them",
                "{\"mail\": {\"addresses\": [\"Sales\", \"sales\"]}} => fazt.json: mail.addresses[1]: \"sales\" is listed twice"
            })
    void badMailAddressesNameTheOffendingEntry(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(DeployException.ManifestRejected.class)
                .hasMessage(message);
    }

    @Test
    void tooManyOrTooLongMailAddressesAreRefused() {
        String many = String.join(
                ", ",
                java.util.stream.IntStream.range(0, 21)
                        .mapToObj(i -> "\"a" + i + "\"")
                        .toList());
        assertThatThrownBy(() -> parse("{\"mail\": {\"addresses\": [" + many + "]}}"))
                .hasMessage("fazt.json: mail.addresses: at most 20 addresses");
        assertThatThrownBy(() -> parse("{\"mail\": {\"addresses\": [\"" + "a".repeat(65) + "\"]}}"))
                .hasMessageStartingWith("fazt.json: mail.addresses[0]: ")
                .hasMessageEndingWith(" must be 1 to 64 characters");
    }

    @Test
    void invalidJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\n \"spa\": tru }"))
                .hasMessageStartingWith("fazt.json: is not valid JSON (line 2");
    }
}
