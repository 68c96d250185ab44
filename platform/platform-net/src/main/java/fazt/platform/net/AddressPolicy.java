package fazt.platform.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which addresses a service may not reach on behalf of an app or an app's configuration (SSRF defence): runtime-svc's
 * {@code fetch} and auth-svc's login providers (discovery, token and key endpoints) use this one policy. Refused:
 * loopback, private (RFC 1918, fc00::/7,
 * fec0::/10), link-local, unspecified, multicast, carrier-grade NAT (100.64/10), reserved and documentation
 * ranges, and the cloud metadata endpoints. IPv6 forms that embed an IPv4 address (mapped {@code ::ffff:a.b.c.d},
 * compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by that address.
 */
public final class AddressPolicy {
    /** Host names that reach a metadata service whatever they resolve to. */
    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata");

    private AddressPolicy() {}

    /** Why {@code host} (lower-case, no brackets) is refused by name, or null. */
    public static String refusedName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return METADATA_HOSTS.contains(h) ? "cloud metadata host" : null;
    }

    /** Why {@code address} is refused ("loopback address", ...), or null when it is a public unicast address. */
    public static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusal4(b);
        }
        if (address instanceof Inet6Address) {
            return refusal6(b);
        }
        return "unknown address family";
    }

    /** Resolves a host name to its addresses (DNS in production, a fixed answer in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Why {@code host} may not be reached at all, or null: refused by name, or <em>any</em> of its addresses refused
     * (for clients that resolve the name again themselves, so every address they might pick must be allowed). A host
     * in {@code allowedHosts} (lower-case; an admin's or a test's explicit exception) is never refused.
     */
    public static String refusalOfHost(String host, Set<String> allowedHosts, Resolver resolver) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (allowedHosts.contains(h)) {
            return null;
        }
        String byName = refusedName(h);
        if (byName != null) {
            return byName;
        }
        InetAddress literal = literal(h);
        InetAddress[] addresses;
        try {
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(h);
        } catch (UnknownHostException e) {
            return null; // not found: the request itself fails with its own error
        }
        for (InetAddress a : addresses) {
            String reason = refusal(a);
            if (reason != null) {
                return literal != null ? reason : reason + " " + a.getHostAddress();
            }
        }
        return null;
    }

    private static String refusal4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff, a3 = b[3] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            return "cloud metadata address";
        }
        if (a0 == 168 && a1 == 63 && a2 == 129 && a3 == 16) {
            return "cloud metadata address"; // Azure WireServer
        }
        if (a0 == 0) {
            return "unspecified address";
        }
        if (a0 == 127) {
            return "loopback address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private address";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local address";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "carrier-grade NAT address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "multicast address";
        }
        if (a0 >= 240) {
            return "reserved address";
        }
        if ((a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xfe) == 18)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)
                || (a0 == 192 && a1 == 88 && a2 == 99)) {
            return "reserved address";
        }
        return null;
    }

    private static String refusal6(byte[] b) {
        if (isZero(b, 0, 16)) {
            return "unspecified address";
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return "loopback address";
        }
        byte[] embedded = embeddedIPv4(b);
        if (embedded != null) {
            return refusal4(embedded);
        }
        int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
        if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
            return "cloud metadata address"; // fd00:ec2::/32, AWS IMDS over IPv6
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "private address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "link-local address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "private address"; // site-local, deprecated
        }
        if (b0 == 0xff) {
            return "multicast address";
        }
        if ((b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8)
                || (b0 == 0x01 && b1 == 0x00 && isZero(b, 2, 8))) {
            return "reserved address"; // documentation 2001:db8::/32, discard 100::/64
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address, or null. */
    private static byte[] embeddedIPv4(byte[] b) {
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = isZero(b, 0, 12);
        boolean nat64 = (b[0] & 0xff) == 0
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An IP literal (IPv4 dotted or IPv6 without brackets) as an address without any DNS lookup, or null. */
    public static InetAddress literal(String host) {
        boolean v4 = host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9A-Fa-f:.%a-zA-Z]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
