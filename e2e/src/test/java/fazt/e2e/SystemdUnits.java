package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The units install.sh staged under a root, checked by systemd's own parser: {@code systemd-analyze verify --root}
 * (it needs no running systemd, so it works where PID 1 is not systemd). The root gets what verify looks up there:
 * systemd's own units (for the default dependencies) and the programs the units start that live outside fazt's prefix.
 */
final class SystemdUnits {
    private SystemdUnits() {}

    static List<Path> units(Path root) throws IOException {
        return unitsNamedFazt(root.resolve("etc/systemd/system"));
    }

    /** The unit files in {@code dir} whose name starts with fazt. */
    static List<Path> unitsNamedFazt(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("fazt"))
                    .sorted()
                    .toList();
        }
    }

    /** Runs verify on {@code unit} and returns its output (empty: no error, no warning). */
    static Stack.Result verify(Path root, Path unit) throws Exception {
        prepare(root, unit);
        return Stack.run(
                List.of("systemd-analyze", "verify", "--root=" + root, unit.toString()),
                Map.of("SYSTEMD_LOG_COLOR", "0"),
                60);
    }

    static void assertVerifies(Path root) throws Exception {
        List<Path> units = units(root);
        assertThat(units).isNotEmpty();
        for (Path unit : units) {
            Stack.Result result = verify(root, unit);
            assertThat(result.exitCode()).as(unit + ": " + result.output()).isZero();
            assertThat(result.output().strip())
                    .as("systemd-analyze verify " + unit)
                    .isEmpty();
        }
    }

    /** A unit file's {@code key=value} lines (a key given several times keeps every value). */
    static Map<String, List<String>> directives(Path unit) throws IOException {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            if (line.matches("[A-Za-z]+=.*")) {
                directives
                        .computeIfAbsent(line.substring(0, line.indexOf('=')), k -> new ArrayList<>())
                        .add(line.substring(line.indexOf('=') + 1));
            }
        }
        return directives;
    }

    private static void prepare(Path root, Path unit) throws Exception {
        Path systemdUnits = root.resolve("usr/lib/systemd/system");
        if (!Files.isDirectory(systemdUnits)) {
            Files.createDirectories(systemdUnits.getParent());
            copy(Path.of("/usr/lib/systemd/system"), systemdUnits);
            // Masked units are links to /dev/null: verify needs none of them, and they point out of the root.
            Stack.run(List.of("find", systemdUnits.toString(), "-lname", "/dev/null", "-delete"), Map.of(), 30);
        }
        Map<String, List<String>> directives = directives(unit);
        for (String key : List.of("ExecStart", "ExecReload")) {
            for (String command : directives.getOrDefault(key, List.of())) {
                Path program = Path.of(command.split(" ")[0]);
                Path staged = root.resolve(program.toString().substring(1));
                if (!Files.exists(staged) && Files.exists(program)) {
                    Files.createDirectories(staged.getParent());
                    copy(program, staged);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Stack.Result copied = Stack.run(List.of("cp", "-a", from.toString(), to.toString()), Map.of(), 60);
        assertThat(copied.exitCode()).as(copied.output()).isZero();
    }
}
