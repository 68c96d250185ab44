package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * One HTTP/1.1 request and response over a socket that {@link OutboundFetch} already connected to a checked
 * address ({@code Connection: close}, no pooling): writes the request, reads the status line, headers and the body
 * (Content-Length, chunked or until close), decodes gzip/deflate, and stops at the size cap.
 */
final class Http1Exchange {
    /** Request headers the exchange sets itself; the app's values for them are dropped. */
    private static final Set<String> MANAGED = Set.of(
            "host",
            "content-length",
            "connection",
            "transfer-encoding",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "proxy-connection",
            "expect");

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    record Response(int status, String reason, List<HttpHeader> headers, byte[] body) {
        String header(String name) {
            for (HttpHeader h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }
    }

    private Http1Exchange() {}

    static Response exchange(
            Socket socket,
            String method,
            String hostHeader,
            String target,
            List<HttpHeader> headers,
            byte[] body,
            long maxBytes,
            String hostForErrors,
            ByteCharge charge)
            throws IOException, FetchException {
        OutputStream out = socket.getOutputStream();
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader).append("\r\n");
        boolean userAgent = false, accept = false;
        for (HttpHeader h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (MANAGED.contains(name)) {
                continue;
            }
            // fetch.js validated these already; the check here keeps header injection out whatever the caller
            if (!name.matches("[!#$%&'*+.^_`|~0-9a-z-]+")
                    || h.value().indexOf('\r') >= 0
                    || h.value().indexOf('\n') >= 0) {
                throw new FetchException("fetch failed: invalid header " + h.name());
            }
            userAgent |= name.equals("user-agent");
            accept |= name.equals("accept");
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!userAgent) {
            head.append("User-Agent: fazt-runtime\r\n");
        }
        if (!accept) {
            head.append("Accept: */*\r\n");
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();

        InputStream in = new BufferedInputStream(socket.getInputStream());
        Response response;
        do {
            response = readHead(in, hostForErrors);
        } while (response.status >= 100 && response.status < 200 && response.status != 101);
        boolean noBody = method.equals("HEAD") || response.status == 204 || response.status == 304;
        Charged charged = new Charged(charge, "fetch to " + hostForErrors);
        byte[] raw = noBody ? new byte[0] : readBody(in, response, maxBytes, hostForErrors, charged);
        return new Response(
                response.status,
                response.reason,
                response.headers,
                decode(raw, response, maxBytes, hostForErrors, charged));
    }

    private static Response readHead(InputStream in, String host) throws IOException, FetchException {
        int[] budget = {MAX_HEAD_BYTES};
        String statusLine = readLine(in, budget, host);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new FetchException("fetch to " + host + " failed: invalid HTTP response");
        }
        List<HttpHeader> headers = new ArrayList<>();
        for (String line = readLine(in, budget, host); !line.isEmpty(); line = readLine(in, budget, host)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new FetchException("fetch to " + host + " failed: invalid HTTP response header");
            }
            headers.add(new HttpHeader(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim()));
        }
        return new Response(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, null);
    }

    private static String readLine(InputStream in, int[] budget, String host) throws IOException, FetchException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (; ; ) {
            int c = in.read();
            if (c < 0) {
                throw new FetchException("fetch to " + host + " failed: connection closed before the response head");
            }
            if (--budget[0] < 0) {
                throw new FetchException(
                        "fetch to " + host + " failed: response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            if (c == '\n') {
                byte[] b = line.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
    }

    /** The charge of one exchange and what {@code what} names in a refusal. */
    private record Charged(ByteCharge charge, String what) {
        void add(long bytes) throws FetchException {
            charge.charge(bytes, what);
        }
    }

    private static byte[] readBody(InputStream in, Response head, long maxBytes, String host, Charged charged)
            throws IOException, FetchException {
        String te = head.header("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in, maxBytes, host, charged);
        }
        String cl = head.header("content-length");
        if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new FetchException("fetch to " + host + " failed: invalid Content-Length");
            }
            if (length > maxBytes) {
                throw tooLarge(host, maxBytes);
            }
            charged.add(length);
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new FetchException("fetch to " + host + " failed: connection closed before the end of the body");
            }
            return body;
        }
        return readCapped(in, maxBytes, host, charged);
    }

    private static byte[] readChunked(InputStream in, long maxBytes, String host, Charged charged)
            throws IOException, FetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {MAX_HEAD_BYTES};
        for (; ; ) {
            String sizeLine = readLine(in, budget, host);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            } catch (NumberFormatException e) {
                throw new FetchException("fetch to " + host + " failed: invalid chunked encoding");
            }
            if (size == 0) {
                while (!readLine(in, budget, host).isEmpty()) {
                    // trailers are read and dropped
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw tooLarge(host, maxBytes);
            }
            charged.add(2 * size); // the chunk and its copy in the body buffer
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new FetchException("fetch to " + host + " failed: connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in, budget, host);
            budget[0] = MAX_HEAD_BYTES;
        }
    }

    private static byte[] readCapped(InputStream in, long maxBytes, String host, Charged charged)
            throws IOException, FetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (body.size() + n > maxBytes) {
                throw tooLarge(host, maxBytes);
            }
            charged.add(2L * n); // the buffer grows by doubling and is copied once at the end
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    /** gzip and deflate bodies are decoded as a browser does, within the same size cap (no decompression bombs). */
    private static byte[] decode(byte[] raw, Response head, long maxBytes, String host, Charged charged)
            throws IOException, FetchException {
        String encoding = head.header("content-encoding");
        if (encoding == null || raw.length == 0) {
            return raw;
        }
        String e = encoding.trim().toLowerCase(Locale.ROOT);
        InputStream in;
        if (e.equals("gzip") || e.equals("x-gzip")) {
            in = new GZIPInputStream(new ByteArrayInputStream(raw));
        } else if (e.equals("deflate")) {
            in = new InflaterInputStream(new ByteArrayInputStream(raw));
        } else {
            return raw;
        }
        try (in) {
            return readCapped(in, maxBytes, host, charged);
        } catch (ZipException ex) {
            throw new FetchException("fetch to " + host + " failed: invalid " + e + " body");
        }
    }

    private static FetchException tooLarge(String host, long maxBytes) {
        return new FetchException(
                "fetch to " + host + " failed: response body exceeds the limit of " + maxBytes + " bytes");
    }
}
