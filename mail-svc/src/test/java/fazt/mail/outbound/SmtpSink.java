package fazt.mail.outbound;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} as a real relay for tests: a child process on a free loopback port that answers SMTP
 * and dumps each accepted message to a file of its own ({@code -d}); {@code options} make it refuse commands with 4xx
 * ({@code -r DATA}) or 5xx ({@code -f RCPT}). Installed with Debian's {@code postfix} package ({@code .ci/run}).
 */
final class SmtpSink implements AutoCloseable {
    static final String BINARY = "/usr/sbin/smtp-sink";

    private final Process process;
    private final int port;
    private final Path dumps;

    private SmtpSink(Process process, int port, Path dumps) {
        this.process = process;
        this.port = port;
        this.dumps = dumps;
    }

    static SmtpSink start(String... options) throws IOException, InterruptedException {
        return start(freePort(), Files.createTempDirectory("smtp-sink"), options);
    }

    /** Starts on {@code port}, dumping into {@code dumps} (a restart keeps both: the relay "comes back"). */
    static SmtpSink start(int port, Path dumps, String... options) throws IOException, InterruptedException {
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = new ArrayList<>(List.of(BINARY));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("-d", dumps + "/%Y%m%d%H%M%S.", "127.0.0.1:" + port, "64"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        SmtpSink sink = new SmtpSink(process, port, dumps);
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return sink;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("smtp-sink exited with " + process.exitValue() + ": " + command);
                }
                Thread.sleep(50);
            }
        }
        sink.close();
        throw new IOException("smtp-sink did not listen on " + port);
    }

    int port() {
        return port;
    }

    Path dumps() {
        return dumps;
    }

    /** The messages received so far, each as it arrived (smtp-sink's own X- and Received lines removed, CRLF). */
    List<Received> received() throws IOException {
        List<Received> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dumps)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                out.add(Received.parse(Files.readString(file, StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    /** One dumped transaction: the envelope and the message bytes. */
    record Received(String mailFrom, List<String> rcptTo, byte[] message) {
        static Received parse(String dump) {
            // smtp-sink ends each dumped transaction with an empty line of its own
            String body = dump.endsWith("\n\n") ? dump.substring(0, dump.length() - 1) : dump;
            String[] lines = body.split("\n", -1);
            String from = null;
            List<String> rcpt = new ArrayList<>();
            int i = 0;
            while (i < lines.length && lines[i].startsWith("X-")) {
                if (lines[i].startsWith("X-Mail-Args: ")) {
                    from = lines[i].substring("X-Mail-Args: ".length()).split(" ")[0];
                } else if (lines[i].startsWith("X-Rcpt-Args: ")) {
                    rcpt.add(lines[i].substring("X-Rcpt-Args: ".length()).split(" ")[0]);
                }
                i++;
            }
            if (i < lines.length && lines[i].startsWith("Received:")) {
                i++;
                while (i < lines.length && (lines[i].startsWith("\t") || lines[i].startsWith(" "))) {
                    i++;
                }
            }
            StringBuilder message = new StringBuilder();
            for (int j = i; j < lines.length; j++) {
                if (j == lines.length - 1 && lines[j].isEmpty()) {
                    break;
                }
                message.append(lines[j]).append("\r\n");
            }
            return new Received(from, List.copyOf(rcpt), message.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        String text() {
            return new String(message, StandardCharsets.ISO_8859_1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
