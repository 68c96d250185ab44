package fazt.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange on its own socket ({@code Connection: close}), for what {@link java.net.HttpURLConnection}
 * cannot do: send PATCH, and read the answer a server gives before (or while) it receives a body, to refuse it. With
 * {@code expectContinue} the body is sent only after {@code 100 Continue}; a final answer instead is returned
 * without sending it. If writing the body fails, the server's answer is returned when it sent one.
 */
final class Http1 {
    /** Writes the request body; exactly the declared length. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private Http1() {}

    static ServerClient.Response exchange(
            ServerAddress server,
            String method,
            String path,
            Map<String, String> headers,
            Duration timeout,
            long length,
            Body body,
            boolean expectContinue)
            throws IOException {
        URI uri = server.connectUri(path);
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) ServerClient.CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (tls) {
                socket = secure(socket, uri.getHost(), port);
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    .append(uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "")
                    .append(" HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(server.hostHeader())
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(length).append("\r\n");
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (expectContinue) {
                int status = statusLine(in);
                if (status != 100) {
                    return response(in, status, method);
                }
                skipHeaders(in);
            }
            try {
                body.writeTo(out);
                out.flush();
            } catch (IOException writing) {
                // The server may have answered (401, 413) and closed while we were writing: report that answer.
                try {
                    return response(in, finalStatus(in), method);
                } catch (IOException reading) {
                    writing.addSuppressed(reading);
                    throw writing;
                }
            }
            return response(in, finalStatus(in), method);
        } finally {
            socket.close();
        }
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket socket =
                (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+|\\[.*]")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** The status of the next non-1xx answer (skipping interim ones such as a late 100 Continue). */
    private static int finalStatus(InputStream in) throws IOException {
        while (true) {
            int status = statusLine(in);
            if (status >= 200) {
                return status;
            }
            skipHeaders(in);
        }
    }

    private static int statusLine(InputStream in) throws IOException {
        String line = line(in);
        while (line.isEmpty()) {
            line = line(in);
        }
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new ProtocolException("not an HTTP answer: " + line);
        }
        return Integer.parseInt(parts[1]);
    }

    private static void skipHeaders(InputStream in) throws IOException {
        while (!line(in).isEmpty()) {
            // interim answers have no body
        }
    }

    private static ServerClient.Response response(InputStream in, int status, String method) throws IOException {
        String location = null;
        long length = -1;
        boolean chunked = false;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> {}
            }
        }
        byte[] body;
        if (method.equals("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if (chunked) {
            body = chunks(in);
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("the answer ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            body = in.readAllBytes();
        }
        return new ServerClient.Response(status, location, body);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
            if (length == 0) {
                skipHeaders(in); // trailers
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length < length) {
                throw new EOFException("the answer ended inside a chunk");
            }
            body.write(chunk);
            line(in);
        }
    }

    /** A header line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("the server closed the connection without an answer");
            }
            if (line.size() > 64 * 1024) {
                throw new ProtocolException("header line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
