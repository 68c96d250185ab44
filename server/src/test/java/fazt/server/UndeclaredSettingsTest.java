package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.settings.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the services, the launcher and its scripts name is declared (ADR 23), so the README's
 * table and {@code fazt-server settings} miss none. The CLI ({@code FAZT_URL}, {@code FAZT_TOKEN}) and the test
 * fixtures ({@code FAZT_TEST_*}) are tools of their own and not looked at.
 */
class UndeclaredSettingsTest {
    static final Path REPO = Path.of("..");
    static final Pattern NAME = Pattern.compile("\\b(FAZT_[A-Z0-9_]*[A-Z0-9]|RUNTIME_[A-Z0-9_]*[A-Z0-9]|NATS_URL)\\b");
    static final Set<String> NOT_SERVER_CODE = Set.of("cli", "e2e", "testing", "platform-test", "bench");

    @Test
    void everyVariableTheServerSideNamesIsDeclared() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (Setting s : ServerSettings.catalogue(FaztServer.definitions()).settings()) {
            declared.add(s.name());
            declared.addAll(s.formerNames());
        }
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(REPO)) {
            files.filter(UndeclaredSettingsTest::serverSource).forEach(f -> named.addAll(names(f, true)));
        }
        for (String script : List.of(
                "bin/fazt-server",
                "scripts/stack",
                "install.sh",
                "scripts/lib/install/compose.sh",
                "scripts/lib/install/systemd.sh",
                "scripts/lib/upgrade-jars.sh",
                "scripts/upgrade-compose",
                "scripts/release",
                "platform/platform-service/src/main/resources/logback.xml")) {
            named.addAll(names(REPO.resolve(script), false));
        }
        named.removeIf(n -> n.startsWith("FAZT_TEST_"));
        assertThat(named).as("variables named in server-side code and scripts").isNotEmpty();
        assertThat(declared)
                .as("declared settings (add the missing ones to a *Settings class)")
                .containsAll(named);
    }

    private static boolean serverSource(Path file) {
        String path = REPO.relativize(file).toString().replace('\\', '/');
        return path.endsWith(".java")
                && path.contains("/src/main/java/")
                && !path.contains("/target/")
                && NOT_SERVER_CODE.stream()
                        .noneMatch(m -> path.startsWith(m + "/") || path.contains("/" + m + "/src/"));
    }

    /** The names in {@code file}: in Java only those in string literals, elsewhere every one. */
    private static Set<String> names(Path file, boolean literalsOnly) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> found = new TreeSet<>();
        Matcher m = (literalsOnly ? Pattern.compile("\"" + NAME.pattern() + "\"") : NAME).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
