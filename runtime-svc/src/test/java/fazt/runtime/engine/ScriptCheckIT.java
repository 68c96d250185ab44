package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** deploy-svc's question over NATS: does this version's server code load? */
class ScriptCheckIT {
    static final TestSuite suite = RuntimeHarness.suite().with("FAZT_RUNTIME_CHECK_TIME_MS", "3000");

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    private static ScriptCheckReply check(String... files) {
        RuntimeHarness.App app = runtime.deploy("checked", files);
        return runtime.requester()
                .request(
                        RuntimeSubjects.CHECK,
                        new ScriptCheckRequest(app.appId(), "checked", app.version(), app.namespace()),
                        ScriptCheckReply.class,
                        RuntimeHarness.TIMEOUT)
                .join();
    }

    @Test
    void goodCodePasses() {
        assertThat(
                        check(
                                "api/main.js",
                                "import dayjs from 'dayjs';\nexport default { fetch() { return new Response(dayjs().format()); } };"))
                .isEqualTo(ScriptCheckReply.passed());
        assertThat(check("api/main.js", "module.exports = { scheduled() {} };")).isEqualTo(ScriptCheckReply.passed());
    }

    @Test
    void versionWithoutServerCodePasses() {
        assertThat(check("index.html", "<p>static</p>")).isEqualTo(ScriptCheckReply.passed());
    }

    @Test
    void syntaxErrorIsReportedWithItsPlace() {
        ScriptCheckReply reply = check(
                "api/main.js",
                "import { x } from './lib.js';\nexport default { fetch() { return x; } };",
                "api/lib.js",
                "export const x = 1;\nexport const y = (;\n");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.file()).isEqualTo("api/lib.js");
        assertThat(reply.line()).isEqualTo(2);
        assertThat(reply.message()).containsIgnoringCase("SyntaxError");
    }

    @Test
    void topLevelThrowIsReportedWithItsPlace() {
        ScriptCheckReply reply =
                check("api/main.js", "const config = {};\nconfig.missing.value;\nmodule.exports = { fetch() {} };");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.file()).isEqualTo("api/main.js");
        assertThat(reply.line()).isEqualTo(2);
        assertThat(reply.message()).startsWith("TypeError");
    }

    @Test
    void topLevelRunningPastTheCheckTimeFails() {
        ScriptCheckReply reply = check("api/main.js", "while (true) {}");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).isEqualTo("top-level evaluation ran longer than 3000 ms");
    }

    @Test
    void codeWithoutHandlerFails() {
        ScriptCheckReply reply = check("api/main.js", "export const notAHandler = 1;");
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).contains("must export a handler");
        assertThat(reply.file()).isEqualTo("api/main.js");
    }
}
