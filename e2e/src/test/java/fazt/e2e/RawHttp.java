package fazt.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a bare {@link Socket}: the test writes exactly the bytes it means (nothing normalises a path, a header
 * or a line ending) and reads the answers as they come, including a close or a reset instead of an answer.
 */
final class RawHttp implements AutoCloseable {
    /** How long a read waits for the gateway before the test calls it silent. */
    static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private boolean closed;
    private boolean reset;
    private boolean writeFailed;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** A connection to the gateway on {@code port} from {@code local} (a loopback address), or from any address. */
    static RawHttp connect(int port, InetAddress local) throws IOException {
        Socket socket = new Socket();
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    static RawHttp connect(int port) throws IOException {
        return connect(port, null);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code bytes} as one write; a gateway that already closed the socket is noted, not thrown. */
    RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            writeFailed = true;
        }
        return this;
    }

    RawHttp send(String text) {
        return send(ascii(text));
    }

    /** The next response (a HEAD answer has no body), or null when the connection closed or stayed silent. */
    Response read(boolean head, int timeoutMs) throws IOException {
        if (closed) {
            return null;
        }
        socket.setSoTimeout(timeoutMs);
        try {
            String statusLine = line();
            if (statusLine == null) {
                return null;
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String field = line(); field != null && !field.isEmpty(); field = line()) {
                int colon = field.indexOf(':');
                String name =
                        (colon < 0 ? field : field.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : field.substring(colon + 1).trim();
                headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            Response response = new Response(statusLine, headers, new byte[0]);
            return new Response(statusLine, headers, body(response, head));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (SocketException e) {
            reset = true;
            closed = true;
            return null;
        }
    }

    Response read(boolean head) throws IOException {
        return read(head, READ_TIMEOUT_MS);
    }

    /** Whether the gateway closes (or resets) the connection within {@code timeoutMs}, sending nothing more. */
    boolean closesWithin(int timeoutMs) throws IOException {
        if (closed) {
            return true;
        }
        socket.setSoTimeout(timeoutMs);
        try {
            int b = in.read();
            if (b < 0) {
                closed = true;
                return true;
            }
            raw.write(b);
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            reset = true;
            closed = true;
            return true;
        }
    }

    /** Every byte the gateway sent on this connection so far. */
    byte[] received() {
        return raw.toByteArray();
    }

    boolean closed() {
        return closed;
    }

    boolean reset() {
        return reset;
    }

    boolean writeFailed() {
        return writeFailed;
    }

    private byte[] body(Response response, boolean head) throws IOException {
        int status = response.status();
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return new byte[0];
        }
        if (response.header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.writeBytes(exactly(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are read and ignored
            }
            return body.toByteArray();
        }
        String length = response.header("content-length");
        if (!length.isEmpty()) {
            return exactly(Integer.parseInt(length));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int b = next(); b >= 0; b = next()) {
            body.write(b);
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String size = line();
        if (size == null) {
            throw new IOException("the connection closed inside a chunked body");
        }
        int semicolon = size.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = next();
            if (b < 0) {
                throw new IOException("the connection closed " + (n - i) + " bytes before the end of a body");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    /** A line without its CRLF (or bare LF), or null at the end of the stream before any byte of it. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = next();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            line.write(b);
            b = next();
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            closed = true;
        } else {
            raw.write(b);
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One response as read off the wire; header names are lower case. */
    record Response(String statusLine, Map<String, List<String>> headers, byte[] body) {
        int status() {
            String[] parts = statusLine.split(" ", 3);
            try {
                return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? "" : String.join(", ", values);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + text().substring(0, Math.min(300, text().length()));
        }
    }
}
