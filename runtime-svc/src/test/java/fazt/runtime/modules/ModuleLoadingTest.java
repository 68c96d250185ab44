package fazt.runtime.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.runtime.config.RuntimeConfig;
import fazt.runtime.engine.JsEngine;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The module model: ES modules, CommonJS, both mixed, cycles, resolution, and the standard library used for real. */
class ModuleLoadingTest {
    private static final JsEngine ENGINE = new JsEngine(RuntimeConfig.defaults());

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    /** Loads api/main.js of the given files and returns {@code handler.fetch()} as a string. */
    private static String run(String... pathsAndSources) {
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < pathsAndSources.length; i += 2) {
            files.put(pathsAndSources[i], pathsAndSources[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        ModuleGlobals modules = new ModuleGlobals(new AppFiles(files, StandardLibrary.get()));
        try (Context context = ENGINE.newContext(modules)) {
            Value handler = modules.loadMain(context);
            Value result = handler.invokeMember("fetch");
            if (result.canInvokeMember("then")) {
                String[] settled = new String[1];
                result.invokeMember("then", (ProxyExecutable)
                        a -> settled[0] = a[0].isString() ? a[0].asString() : a[0].toString());
                for (int i = 0; i < 10 && settled[0] == null; i++) {
                    context.eval("js", "0"); // runs the pending jobs
                }
                return settled[0];
            }
            return result.isString() ? result.asString() : result.toString();
        }
    }

    @Test
    void esModuleImportsRelativeFilesWithParentPathsAndWithoutExtension() {
        assertThat(
                        run(
                                "api/main.js",
                                        "import { twice } from './lib/math.js'; import label from './lib/deep/label';\n"
                                                + "export default { fetch() { return label + twice(21); } };",
                                "api/lib/math.js", "export function twice(x) { return x * 2; }",
                                "api/lib/deep/label.mjs",
                                        "import { twice } from '../math.js'; export default 'answer=' + (twice(0) === 0 ? '' : 'x');"))
                .isEqualTo("answer=42");
    }

    @Test
    void commonJsRequiresFilesJsonAndIndexes() {
        assertThat(run(
                        "api/main.js",
                                "const util = require('./util'); const data = require('./data.json');\n"
                                        + "module.exports = { fetch() { return util.name + ':' + data.n + ':' + __filename; } };",
                        "api/util/index.js", "exports.name = require('../name.cjs');",
                        "api/name.cjs", "module.exports = 'util';",
                        "api/data.json", "{\"n\": 7}"))
                .isEqualTo("util:7:api/main.js");
    }

    @Test
    void commonJsCyclesSeePartialExportsLikeNode() {
        assertThat(run(
                        "api/main.js", "const a = require('./a.js'); module.exports = { fetch() { return a.seen; } };",
                        "api/a.js", "exports.early = 'a-early'; const b = require('./b.js'); exports.seen = b.sawA;",
                        "api/b.js",
                                "const a = require('./a.js'); exports.sawA = String(a.early) + '/' + String(a.seen);"))
                .isEqualTo("a-early/undefined");
    }

    @Test
    void esModuleCyclesResolveLiveBindings() {
        assertThat(run(
                        "api/main.js",
                                "import { ping } from './ping.js'; export default { fetch() { return ping(3); } };",
                        "api/ping.js",
                                "import { pong } from './pong.js'; export function ping(n) { return n === 0 ? 'done' : pong(n - 1); }",
                        "api/pong.js", "import { ping } from './ping.js'; export function pong(n) { return ping(n); }"))
                .isEqualTo("done");
    }

    @Test
    void esModuleImportsCommonJsDefaultAndNamedExports() {
        assertThat(run(
                        "api/main.js",
                                "import lib, { hello } from './lib.cjs'; export default { fetch() { return hello() + lib.n; } };",
                        "api/lib.cjs", "exports.hello = () => 'hi'; exports.n = 5;"))
                .isEqualTo("hi5");
    }

    @Test
    void commonJsRequiresAnEsModuleNamespace() {
        assertThat(run(
                        "api/main.js",
                                "const m = require('./esm.mjs'); module.exports = { fetch() { return m.default + m.named; } };",
                        "api/esm.mjs", "export default 'd'; export const named = 'n';"))
                .isEqualTo("dn");
    }

    @Test
    void commonJsModuleExportingEsModuleInteropDefaultIsTheHandler() {
        assertThat(run(
                        "api/main.js",
                        "Object.defineProperty(exports, '__esModule', { value: true });\n"
                                + "exports.default = { fetch() { return 'transpiled'; } };"))
                .isEqualTo("transpiled");
    }

    @Test
    void missingModuleFailsWithNodesMessage() {
        assertThatThrownBy(() -> run("api/main.js", "const x = require('./nope'); module.exports = {};"))
                .isInstanceOf(PolyglotException.class)
                .hasMessageContaining("Cannot find module './nope'");
        assertThatThrownBy(() -> run("api/main.js", "import x from 'left-pad'; export default {};"))
                .isInstanceOf(PolyglotException.class)
                .hasMessageContaining("left-pad");
    }

    @Test
    void unknownAndNodeBuiltinModulesAreCannotFindModuleByEveryWayOfLoading() {
        for (String specifier : new String[] {"node:fs", "fs", "https://example.com/x.js", "file:///etc/passwd"}) {
            String quoted = "'" + specifier + "'";
            assertThatThrownBy(() -> run("api/main.js", "import x from " + quoted + "; export default {};"))
                    .as("static import of %s", specifier)
                    .isInstanceOf(PolyglotException.class)
                    .hasMessageContaining("Cannot find module")
                    .satisfies(e -> assertThat(((PolyglotException) e).isHostException())
                            .isFalse());
            assertThat(
                            run(
                                    "api/main.js",
                                    "export default { async fetch() { try { await import(" + quoted
                                            + "); return 'loaded'; } catch (e) { return e.constructor.name + ': ' + e.message; } } };"))
                    .as("dynamic import of %s from an ES module", specifier)
                    .startsWith("Error: Cannot find module");
            assertThat(
                            run(
                                    "api/main.js",
                                    "module.exports = { async fetch() { try { await import(" + quoted
                                            + "); return 'loaded'; } catch (e) { return e.constructor.name + ': ' + e.message; } } };"))
                    .as("dynamic import of %s from CommonJS", specifier)
                    .startsWith("Error: Cannot find module");
            assertThat(
                            run(
                                    "api/main.js",
                                    "module.exports = { fetch() { try { require(" + quoted
                                            + "); return 'loaded'; } catch (e) { return e.constructor.name + ': ' + e.message; } } };"))
                    .as("require of %s", specifier)
                    .startsWith("Error: Cannot find module " + quoted);
        }
    }

    @Test
    void theLoaderOfEsWrappersIsNotOnTheGlobalScope() {
        assertThat(run(
                        "api/main.js",
                        "import cjs from './lib.cjs';\nexport default { fetch() { return cjs.name + ':'"
                                + " + Object.getOwnPropertyNames(globalThis).filter((n) => /fazt|require/i.test(n)).join(); } };",
                        "api/lib.cjs",
                        "exports.name = 'cjs';"))
                .isEqualTo("cjs:");
    }

    @Test
    void pathsCannotEscapeTheBundle() {
        assertThatThrownBy(() -> run("api/main.js", "const x = require('../../../etc/passwd'); module.exports = {};"))
                .isInstanceOf(PolyglotException.class)
                .hasMessageContaining("Cannot find module");
    }

    @Test
    void lodashChunksByRequireAndByImport() {
        assertThat(
                        run(
                                "api/main.js",
                                "const _ = require('lodash');\n"
                                        + "module.exports = { fetch() { return JSON.stringify(_.chunk([1, 2, 3, 4, 5], 2)); } };"))
                .isEqualTo("[[1,2],[3,4],[5]]");
        assertThat(
                        run(
                                "api/main.js",
                                "import _, { chunk } from 'lodash';\n"
                                        + "export default { fetch() { return JSON.stringify(chunk(['a', 'b', 'c'], 2)) + _.VERSION; } };"))
                .isEqualTo("[[\"a\",\"b\"],[\"c\"]]4.17.21");
    }

    @Test
    void markedRendersHtml() {
        assertThat(run(
                        "api/main.js",
                        "import { marked } from 'marked';\n"
                                + "export default { fetch() { return marked.parse('# Hi\\n\\n*there*'); } };"))
                .isEqualTo("<h1>Hi</h1>\n<p><em>there</em></p>\n");
        assertThat(run(
                        "api/main.js",
                        "const { marked } = require('marked');\n"
                                + "module.exports = { fetch() { return marked.parse('**b**'); } };"))
                .isEqualTo("<p><strong>b</strong></p>\n");
    }

    @Test
    void dayjsFormatsDates() {
        assertThat(
                        run(
                                "api/main.js",
                                "import dayjs from 'dayjs';\n"
                                        + "export default { fetch() { return dayjs('2024-02-29T10:20:30').add(1, 'day').format('YYYY-MM-DD HH:mm'); } };"))
                .isEqualTo("2024-03-01 10:20");
    }

    @Test
    void zodParsesAndFails() {
        assertThat(run(
                        "api/main.js",
                        "import { z } from 'zod';\n"
                                + "const User = z.object({ name: z.string().min(2), age: z.number().int() });\n"
                                + "export default { fetch() {\n"
                                + "  const ok = User.parse({ name: 'Ada', age: 36 });\n"
                                + "  const bad = User.safeParse({ name: 'A', age: 1.5 });\n"
                                + "  return ok.name + ':' + bad.success + ':' + bad.error.issues.map(i => i.path.join('.')).join(',');\n"
                                + "} };"))
                .isEqualTo("Ada:false:name,age");
        assertThat(
                        run(
                                "api/main.js",
                                "const { z } = require('zod');\n"
                                        + "module.exports = { fetch() { return String(z.string().email().safeParse('x').success); } };"))
                .isEqualTo("false");
    }
}
