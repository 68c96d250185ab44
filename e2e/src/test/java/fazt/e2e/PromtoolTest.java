package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ops/prometheus checked by Prometheus' own tool: the alert rules parse and their PromQL is valid, the unit tests of
 * alerts_test.yml pass, and the scrape example is a valid configuration. promtool comes from Debian's
 * {@code prometheus} package (.ci/run installs it); when it is missing the test fails, it does not skip.
 */
class PromtoolTest {
    @Test
    void alertRulesAreValid() throws Exception {
        promtool("check", "rules", ops("alerts.yml"));
    }

    @Test
    void alertUnitTestsPass() throws Exception {
        promtool("test", "rules", ops("alerts_test.yml"));
    }

    @Test
    void scrapeExampleIsAValidConfiguration() throws Exception {
        promtool("check", "config", ops("prometheus.yml"));
    }

    private static void promtool(String... args) throws Exception {
        String tool = promtoolPath();
        List<String> command = new ArrayList<>(List.of(tool));
        command.addAll(List.of(args));
        Stack.Result result = Stack.run(command, Map.of(), 60);
        assertThat(result.exitCode())
                .as("promtool %s:%n%s", String.join(" ", args), result.output())
                .isZero();
    }

    private static String ops(String file) {
        return MonitoringFiles.ALERTS.resolveSibling(file).toString();
    }

    private static String promtoolPath() {
        String override = System.getenv("FAZT_PROMTOOL");
        if (override != null && !override.isBlank()) {
            if (!Files.isExecutable(Path.of(override))) {
                return fail("FAZT_PROMTOOL=" + override + " is not an executable file");
            }
            return override;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("promtool is not installed: install Debian's prometheus package (apt-get install prometheus, or"
                + " only its promtool as .ci/run does), or set FAZT_PROMTOOL to its path");
    }
}
