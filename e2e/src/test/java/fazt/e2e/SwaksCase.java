package fazt.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scripted SMTP case run with Debian's {@code swaks} against fazt's SMTP port: the arguments after
 * {@code --server}, the exit code swaks must end with (0: the message was accepted; 23: refused at MAIL FROM; 24: at
 * RCPT TO; 25: at DATA), and a reply the transcript must contain ({@code 550 5.1.1}).
 */
record SwaksCase(String name, List<String> args, int exitCode, String expect) {
    static boolean installed() {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/swaks"));
    }

    static SwaksCase of(String name, int exitCode, String expect, String... args) {
        return new SwaksCase(name, List.of(args), exitCode, expect);
    }

    /** Runs the case; returns null when it behaved as expected, else what went wrong with the transcript. */
    String run(int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/swaks", "--server", "127.0.0.1", "--port", Integer.toString(port), "--timeout", "20"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String transcript = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return name + ": swaks did not finish";
        }
        if (process.exitValue() != exitCode || (expect != null && !transcript.contains(expect))) {
            return name + ": exit " + process.exitValue() + " (expected " + exitCode + ", transcript containing \""
                    + expect + "\")\n" + transcript;
        }
        return null;
    }
}
