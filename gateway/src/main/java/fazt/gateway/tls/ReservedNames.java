package fazt.gateway.tls;

import java.util.List;

/**
 * Names no public CA issues for (RFC 2606, RFC 6761): {@code localhost} and the {@code .localhost}, {@code .test},
 * {@code .invalid} and {@code .example} top-level domains, and IP literals. They are never ordered (ADR 28); a
 * handshake naming one gets the self-signed fallback, so a development install never spends the CA's budget.
 */
final class ReservedNames {
    private static final List<String> TOP_LEVEL = List.of("localhost", "test", "invalid", "example");

    private ReservedNames() {}

    /** Whether {@code name} (lower case, no trailing dot) is one no certificate is ordered for. */
    static boolean reserved(String name) {
        if (name.isEmpty() || name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
            return true; // IPv6 or IPv4 literal (or nothing)
        }
        String last = name.substring(name.lastIndexOf('.') + 1);
        return TOP_LEVEL.contains(last);
    }
}
