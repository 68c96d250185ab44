package fazt.deploy.check;

import fazt.deploy.domain.DomainCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches {@code http://<host>/.well-known/fazt/<token>} over a plain socket (HTTP/1.1, {@code Connection: close}):
 * connect and read time out after {@link #TIMEOUT_MILLIS}, the answer's head may be {@link #MAX_HEAD_BYTES} and its
 * body {@link #MAX_BODY_BYTES}, and redirects are followed (at most {@link #MAX_REDIRECTS}) only to the same host, over
 * {@code http} or {@code https} (certificate checked). With a check address ({@code FAZT_DOMAIN_CHECK_ADDRESS}) every
 * connection goes to that {@code host:port} instead of the domain's own address, still sending the domain as
 * {@code Host}; {@code https} redirects are then not followed. The domain counts as verified when the answer is 200 and
 * its body, trimmed, is the token.
 */
public final class HttpDomainCheck implements DomainCheck {
    public static final int TIMEOUT_MILLIS = 5_000;
    public static final int MAX_BODY_BYTES = 1024;
    public static final int MAX_HEAD_BYTES = 8 * 1024;
    public static final int MAX_REDIRECTS = 3;

    private final InetSocketAddress checkAddress;

    /** {@code checkAddress}: where to connect instead of the domain (test rigs, split horizon); null resolves it. */
    public HttpDomainCheck(InetSocketAddress checkAddress) {
        this.checkAddress = checkAddress;
    }

    /** Parses {@code host:port} as the check address setting holds it; throws IllegalArgumentException otherwise. */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected host:port such as 127.0.0.1:8080");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port such as 127.0.0.1:8080");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("expected a port from 1 to 65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public Outcome check(String host, String token) {
        String url = "http://" + host + "/.well-known/fazt/" + token;
        URI target = URI.create(url);
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                Answer answer = fetch(target, host);
                if (answer.status() >= 300 && answer.status() < 400 && answer.location() != null) {
                    URI next = target.resolve(answer.location());
                    String scheme =
                            next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                    if (next.getHost() == null
                            || !next.getHost().equalsIgnoreCase(host)
                            || !(scheme.equals("http") || scheme.equals("https"))
                            || (scheme.equals("https") && checkAddress != null)) {
                        return Outcome.failed(url + " redirected to " + next.getScheme() + "://" + next.getHost()
                                + "; only redirects within the same host are followed");
                    }
                    target = next;
                    continue;
                }
                if (answer.status() != 200) {
                    return Outcome.failed(target + " answered " + answer.status()
                            + "; is the domain's DNS pointing at this install?");
                }
                if (!answer.body().strip().equals(token)) {
                    return Outcome.failed(target + " answered 200 but not with the token; is the domain's DNS "
                            + "pointing at another server?");
                }
                return Outcome.passed();
            }
            return Outcome.failed(url + " redirected more than " + MAX_REDIRECTS + " times");
        } catch (UnknownHostException e) {
            return Outcome.failed(host + " has no DNS address; add an A/AAAA or CNAME record pointing at this install");
        } catch (SocketTimeoutException e) {
            return Outcome.failed(target + " did not answer within " + TIMEOUT_MILLIS / 1000 + " s");
        } catch (IOException e) {
            return Outcome.failed(target + " could not be fetched: " + safe(e.getMessage()));
        }
    }

    private record Answer(int status, String location, String body) {}

    private Answer fetch(URI target, String host) throws IOException {
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        InetSocketAddress to = checkAddress != null
                ? new InetSocketAddress(checkAddress.getHostString(), checkAddress.getPort())
                : new InetSocketAddress(host, port);
        if (to.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        try (Socket plain = new Socket()) {
            plain.connect(to, TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            Socket socket = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket)
                        ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: fazt-domain-check\r\n"
                            + "Accept: text/plain\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String head = head(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer");
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer");
        }
        String location = null;
        boolean chunked = false;
        long length = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "location" -> location = value;
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-length" -> {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length");
                    }
                }
                default -> {}
            }
        }
        if (code != 200) {
            return new Answer(code, location, "");
        }
        if (length > MAX_BODY_BYTES) {
            throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body = chunked ? chunked(in) : bounded(in, length);
        return new Answer(code, location, new String(body, StandardCharsets.UTF_8));
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the answer's head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("the answer's head is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bounded(InputStream in, long length) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        long want = length < 0 ? MAX_BODY_BYTES + 1 : length;
        while (body.size() < want) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, want - body.size()));
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
        }
        if (body.size() > MAX_BODY_BYTES) {
            throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body.toByteArray();
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size");
            }
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.length() > 64) {
                throw new IOException("bad chunk");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String safe(String message) {
        if (message == null) {
            return "connection failed";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
