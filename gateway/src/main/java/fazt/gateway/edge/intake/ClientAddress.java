package fazt.gateway.edge.intake;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who sent a request and over what: the client address and the scheme (ADR 19). The TCP peer and the connection's
 * own scheme, unless the peer is a trusted proxy; then the last address of {@code Forwarded: for=} (else
 * {@code X-Forwarded-For}) that is not itself a trusted proxy, and {@code proto=} (else {@code X-Forwarded-Proto}).
 */
public record ClientAddress(String ip, String scheme, boolean viaProxy) {
    public static ClientAddress of(InetAddress peer, boolean tls, HttpHeaders headers, TrustedProxies proxies) {
        String peerIp = peer == null ? "unknown" : peer.getHostAddress();
        String ownScheme = tls ? "https" : "http";
        if (peer == null || !proxies.trusts(peer)) {
            return new ClientAddress(peerIp, ownScheme, false);
        }
        List<String> chain = new ArrayList<>();
        String proto = null;
        String forwarded = headers.get("Forwarded");
        if (forwarded != null) {
            for (String element : forwarded.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).trim());
                    if (name.equals("for")) {
                        chain.add(hostOf(value));
                    } else if (name.equals("proto")) {
                        proto = value;
                    }
                }
            }
        } else {
            for (String xff : headers.getAll("X-Forwarded-For")) {
                for (String hop : xff.split(",")) {
                    chain.add(hop.trim());
                }
            }
            proto = headers.get("X-Forwarded-Proto");
        }
        String client = peerIp;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (TrustedProxies.literal(hop) == null) {
                break;
            }
            client = hop.startsWith("[") ? hop.substring(1, hop.length() - 1) : hop;
            if (!proxies.trusts(hop)) {
                break;
            }
        }
        String scheme = proto == null ? ownScheme : proto.trim().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            scheme = ownScheme;
        }
        return new ClientAddress(client, scheme, true);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /** {@code for=} may carry a port: {@code 1.2.3.4:5678} or {@code "[::1]:5678"}. */
    private static String hostOf(String value) {
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
    }
}
