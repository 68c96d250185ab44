package fazt.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian postfix's {@code smtp-sink} on a loopback port, as the relay fazt delivers to: it writes every message it
 * accepts to a file of its own under a directory, so a test counts what arrived, and {@code -w} makes it wait before
 * answering the data, which holds messages in fazt's queue long enough to kill mail-svc between accepting and relaying.
 */
final class SmtpSink implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");
    final int port;
    final Path dir;
    private final Process process;

    private SmtpSink(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/smtp-sink"));
    }

    /** Starts the sink; {@code waitSeconds} before each reply to the data (0: none). */
    static SmtpSink start(int waitSeconds) throws Exception {
        int port = Stack.freePort();
        Path dir = Files.createTempDirectory("fazt-sink-");
        // smtp-sink drops root for nobody, who must be able to write its dump files here.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = new ArrayList<>(List.of("/usr/sbin/smtp-sink"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("-d", dir + "/%H%M%S."));
        if (waitSeconds > 0) {
            command.addAll(List.of("-w", Integer.toString(waitSeconds)));
        }
        command.addAll(List.of("127.0.0.1:" + port, "100"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var probe = new java.net.Socket("127.0.0.1", port)) {
                return new SmtpSink(port, dir, process);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("smtp-sink did not listen on " + port);
    }

    /** Every message received so far, as text. */
    List<String> messages() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted()
                    .map(f -> {
                        try {
                            return Files.readString(f, StandardCharsets.ISO_8859_1);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
    }

    /** The Message-ID of every message received so far (repeats included). */
    List<String> messageIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String message : messages()) {
            Matcher m = MESSAGE_ID.matcher(message);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
