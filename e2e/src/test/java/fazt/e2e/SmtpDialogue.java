package fazt.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client's side of one SMTP session, line by line, so a test sees every reply code the server gives (the point of
 * an end-to-end test of refusals: a library client would hide them behind exceptions). Replies are read whole,
 * continuation lines included; the last line is returned.
 */
final class SmtpDialogue implements AutoCloseable {
    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    SmtpDialogue(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** The greeting, or the reply to a command: the last line of a possibly multi-line reply. */
    String reply() throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return line;
    }

    String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Sends a message's lines after {@code DATA} was accepted, dot-stuffed, and the final dot; returns the reply. */
    String data(String message) throws IOException {
        StringBuilder wire = new StringBuilder();
        for (String line : message.split("\r?\n", -1)) {
            wire.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        wire.append(".\r\n");
        out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** A whole transaction from EHLO to the reply to the data; stops early at the first refusal and returns it. */
    static String deliver(int port, String from, String to, String message) throws IOException {
        try (SmtpDialogue smtp = new SmtpDialogue(port)) {
            smtp.reply();
            for (String command :
                    new String[] {"EHLO e2e.example.net", "MAIL FROM:<" + from + ">", "RCPT TO:<" + to + ">"}) {
                String answer = smtp.send(command);
                if (!answer.startsWith("250")) {
                    return answer;
                }
            }
            String go = smtp.send("DATA");
            if (!go.startsWith("354")) {
                return go;
            }
            String answer = smtp.data(message);
            smtp.send("QUIT");
            return answer;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
