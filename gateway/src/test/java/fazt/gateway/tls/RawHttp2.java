package fazt.gateway.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal HTTP/2 client written frame by frame, for what java.net.http hides: one request on stream 1 whose body
 * is left unfinished, and every frame the server sends back on that stream (HEADERS decoded, RST_STREAM's code).
 */
final class RawHttp2 implements AutoCloseable {
    static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, GOAWAY = 7;

    /** What the server sent on stream 1: the response head (null if none), whether it ended, the reset code (-1). */
    record StreamEnd(Http2Headers headers, String body, boolean ended, long resetCode) {}

    private final SSLSocket tls;
    private final DataInputStream in;
    private final OutputStream out;

    RawHttp2(int port, String name, X509Certificate root) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("root", root);
        javax.net.ssl.TrustManagerFactory trust =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        plain.setSoTimeout(60_000);
        tls = (SSLSocket) context.getSocketFactory().createSocket(plain, name, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(name)));
        parameters.setApplicationProtocols(new String[] {"h2"});
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        if (!"h2".equals(tls.getApplicationProtocol())) {
            throw new IllegalStateException("no h2: " + tls.getApplicationProtocol());
        }
        in = new DataInputStream(tls.getInputStream());
        out = tls.getOutputStream();
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** Sends a request head on stream 1, then {@code body} as DATA without ending the stream. */
    void startRequest(String method, String authority, String path, long contentLength, byte[] body) throws Exception {
        Http2Headers headers = new DefaultHttp2Headers()
                .method(method)
                .scheme("https")
                .authority(authority)
                .path(path)
                .setLong("content-length", contentLength);
        ByteBuf block = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(1, headers, block);
        byte[] bytes = new byte[block.readableBytes()];
        block.readBytes(bytes);
        frame(HEADERS, 0x4, 1, bytes); // END_HEADERS
        frame(DATA, 0, 1, body);
    }

    /** Reads frames until stream 1 ends (END_STREAM or RST_STREAM), acknowledging the server's settings. */
    StreamEnd awaitEnd() throws Exception {
        Http2Headers headers = null;
        StringBuilder body = new StringBuilder();
        boolean ended = false;
        while (true) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (type == SETTINGS && (flags & 0x1) == 0) {
                frame(SETTINGS, 0x1, 0, new byte[0]);
            } else if (type == GOAWAY) {
                return new StreamEnd(headers, body.toString(), ended, -1);
            } else if (stream == 1 && type == HEADERS) {
                headers = new DefaultHttp2HeadersDecoder(true).decodeHeaders(1, Unpooled.wrappedBuffer(payload));
                ended |= (flags & 0x1) != 0;
            } else if (stream == 1 && type == DATA) {
                body.append(new String(payload, StandardCharsets.UTF_8));
                ended |= (flags & 0x1) != 0;
            } else if (stream == 1 && type == RST_STREAM) {
                long code = ((payload[0] & 0xffL) << 24)
                        | ((payload[1] & 0xff) << 16)
                        | ((payload[2] & 0xff) << 8)
                        | (payload[3] & 0xff);
                return new StreamEnd(headers, body.toString(), ended, code);
            }
            if (ended) {
                return new StreamEnd(headers, body.toString(), true, -1);
            }
        }
    }

    private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] head = {
            (byte) (payload.length >> 16),
            (byte) (payload.length >> 8),
            (byte) payload.length,
            (byte) type,
            (byte) flags,
            (byte) (stream >> 24),
            (byte) (stream >> 16),
            (byte) (stream >> 8),
            (byte) stream
        };
        out.write(head);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }
}
