package fazt.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request over a socket bound to a chosen local address (127.0.0.2, ...), which java.net.http cannot do:
 * so a test can be a second client address on one machine, as the gateway sees it.
 */
final class LoopbackHttp {
    private LoopbackHttp() {}

    /** The answer: status line code and the raw head and body. */
    record Answer(int status, String head, String body) {}

    /** POSTs {@code json} to {@code path} on {@code Host: host} at 127.0.0.1:{@code port}, from {@code from}. */
    static Answer postJson(String from, int port, String host, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(30_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || end < 0) {
                throw new IOException("not an HTTP/1.1 response: " + response);
            }
            return new Answer(
                    Integer.parseInt(response.substring(9, 12)),
                    response.substring(0, end),
                    response.substring(end + 4));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
