package fazt.gateway.tls;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the ALPN protocols a ClientHello offers (RFC 7301), to tell a TLS-ALPN-01 validation ({@code acme-tls/1},
 * RFC 8737) from a visitor before a certificate is chosen. {@code hello} is the ClientHello body as Netty's SNI
 * handler passes it (from the client version on); a malformed one offers nothing.
 */
final class ClientHelloAlpn {
    private static final int ALPN_EXTENSION = 16;

    private ClientHelloAlpn() {}

    /** Whether the ClientHello offers exactly the protocol {@code protocol} among its ALPN protocols. */
    static boolean offers(ByteBuf hello, String protocol) {
        if (hello == null) {
            return false;
        }
        byte[] wanted = protocol.getBytes(StandardCharsets.US_ASCII);
        int end = hello.writerIndex();
        int at = hello.readerIndex() + 2 + 32; // version, random
        if (end - at < 1) {
            return false;
        }
        at += 1 + hello.getUnsignedByte(at); // session id
        if (end - at < 2) {
            return false;
        }
        at += 2 + hello.getUnsignedShort(at); // cipher suites
        if (end - at < 1) {
            return false;
        }
        at += 1 + hello.getUnsignedByte(at); // compression methods
        if (end - at < 2) {
            return false;
        }
        int limit = Math.min(end, at + 2 + hello.getUnsignedShort(at));
        at += 2;
        while (limit - at >= 4) {
            int type = hello.getUnsignedShort(at);
            int length = hello.getUnsignedShort(at + 2);
            at += 4;
            if (limit - at < length) {
                return false;
            }
            if (type == ALPN_EXTENSION) {
                return listed(hello, at, at + length, wanted);
            }
            at += length;
        }
        return false;
    }

    private static boolean listed(ByteBuf hello, int at, int end, byte[] wanted) {
        if (end - at < 2) {
            return false;
        }
        int limit = Math.min(end, at + 2 + hello.getUnsignedShort(at));
        at += 2;
        while (at < limit) {
            int length = hello.getUnsignedByte(at);
            at += 1;
            if (limit - at < length) {
                return false;
            }
            if (length == wanted.length) {
                boolean same = true;
                for (int i = 0; i < length && same; i++) {
                    same = hello.getByte(at + i) == wanted[i];
                }
                if (same) {
                    return true;
                }
            }
            at += length;
        }
        return false;
    }
}
