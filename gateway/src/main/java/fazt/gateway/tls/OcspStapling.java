package fazt.gateway.tls;

/**
 * OCSP stapling on the HTTPS port (ADR 28, amendment), with the JDK's own TLS: the edge's server contexts staple the
 * CA's OCSP response to a handshake whose client asks for it ({@code status_request}) when the certificate names an
 * OCSP responder (its Authority Information Access); the JDK fetches and caches the responses (an hour, or the
 * response's own validity) and answers without a staple when the responder is slow or down. The JDK reads the switch
 * each time a server context is made, so it is set before the first one; {@code -D…=false} on the command line turns
 * it off. Fetches run in a handshake's delegated tasks, which {@link TlsHandshakes} runs off the event loop.
 */
final class OcspStapling {
    static final String PROPERTY = "jdk.tls.server.enableStatusRequestExtension";
    /** How long a handshake waits for the responder before it goes on without a staple. */
    static final String TIMEOUT_PROPERTY = "jdk.tls.stapling.responseTimeout";

    static final String TIMEOUT_MILLIS = "2000";

    private OcspStapling() {}

    /** Turns stapling on unless the command line decided otherwise. */
    static void enable() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
        if (System.getProperty(TIMEOUT_PROPERTY) == null) {
            System.setProperty(TIMEOUT_PROPERTY, TIMEOUT_MILLIS);
        }
    }
}
