package fazt.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the repository's {@code install.sh} as a user does, into a staging root ({@code --root}, like DESTDIR: files
 * name their final paths, no user is made and nothing is started), and reads back what it wrote.
 */
final class Installer {
    static final Path SCRIPT = Stack.REPO.resolve("install.sh");

    private Installer() {}

    /** {@code install.sh --root root --yes <args>}. */
    static Stack.Result stage(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--root", root.toString(), "--yes"));
        command.addAll(List.of(args));
        return Stack.run(command, Map.of(), 300);
    }

    /** Every file and link under {@code root}: its path, permissions and a digest of its bytes (or link target). */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String key = "/" + root.relativize(path);
                if (Files.isSymbolicLink(path)) {
                    files.put(key, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    files.put(key, "dir " + mode(path));
                } else {
                    files.put(key, mode(path) + " " + digest(Files.readAllBytes(path)));
                }
            }
        }
        return files;
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** A KEY=VALUE file's entries, in order. */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                entries.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return entries;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
