package fazt.gateway.tls;

/**
 * Which ACME challenge validates a name (ADR 28, amendment), from {@code FAZT_ACME_CHALLENGE}: {@code http-01} (the
 * CA fetches a token from port 80) or {@code tls-alpn-01} (the CA handshakes on port 443 with ALPN
 * {@code acme-tls/1}) when set so; {@code auto} prefers the type that last validated on this gateway (HTTP-01 at
 * first) and, for a name whose previous attempt failed, the other one: an install that only reaches the CA on one of
 * its ports gets its certificates after one failed attempt and its back-off.
 */
final class ChallengeChoice {
    private final String mode;
    private volatile String lastWorked = TlsConfig.HTTP_01;

    ChallengeChoice(String mode) {
        this.mode = mode;
    }

    /**
     * The challenge type to answer, given which the CA offers and how many attempts for the name failed in a row;
     * null when the CA offers none the mode allows.
     */
    String choose(boolean httpOffered, boolean alpnOffered, int failedAttempts) {
        return switch (mode) {
            case TlsConfig.HTTP_01 -> httpOffered ? TlsConfig.HTTP_01 : null;
            case TlsConfig.TLS_ALPN_01 -> alpnOffered ? TlsConfig.TLS_ALPN_01 : null;
            default -> {
                String preferred = lastWorked;
                String other = TlsConfig.HTTP_01.equals(preferred) ? TlsConfig.TLS_ALPN_01 : TlsConfig.HTTP_01;
                String first = failedAttempts % 2 == 0 ? preferred : other;
                String second = first.equals(preferred) ? other : preferred;
                yield offered(first, httpOffered, alpnOffered)
                        ? first
                        : offered(second, httpOffered, alpnOffered) ? second : null;
            }
        };
    }

    /** A validation of {@code type} succeeded: auto prefers it from now on. */
    void worked(String type) {
        lastWorked = type;
    }

    private static boolean offered(String type, boolean httpOffered, boolean alpnOffered) {
        return TlsConfig.HTTP_01.equals(type) ? httpOffered : alpnOffered;
    }
}
