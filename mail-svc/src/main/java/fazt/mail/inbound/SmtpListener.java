package fazt.mail.inbound;

import fazt.mail.domain.Directory;
import fazt.mail.domain.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP server (subethasmtp, ADR 30) on {@code FAZT_SMTP_PORT}, greeting as {@code FAZT_SMTP_HOSTNAME}, with
 * STARTTLS and the limits of {@link SmtpLimits}. The library's own connection and recipient limits are set just past
 * fazt's, so fazt's checks answer first with their enhanced status codes.
 */
public final class SmtpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final SMTPServer server;
    private final SessionGate gate;

    public SmtpListener(
            int port,
            String hostName,
            SmtpLimits limits,
            Recipients recipients,
            Directory directory,
            Intake intake,
            TlsCertificate tls) {
        this.gate = new SessionGate(limits);
        this.server = SMTPServer.port(port)
                .hostName(hostName)
                .softwareName("fazt")
                .messageHandlerFactory(context -> new SmtpHandler(
                        context,
                        recipients,
                        directory,
                        intake,
                        limits,
                        gate.counters(context.getSessionId()),
                        hostName))
                .sessionHandler(gate)
                .maxConnections(limits.maxConnections() + 1)
                .maxRecipients(-1)
                .maxMessageSize(limits.maxMessageBytes())
                .connectionTimeoutMs(limits.idleTimeoutMillis())
                .insertReceivedHeaders(false)
                .enableTLS()
                .startTlsSocketFactory(tls)
                .build();
        SmtpCommands.install(server.getCommandHandler(), gate, limits);
    }

    public void start() {
        server.start();
        log.info("smtp listening port={} host={}", server.getPortAllocated(), server.getHostName());
    }

    /** The port it listens on (the one allocated when {@code FAZT_SMTP_PORT} is 0). */
    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }
}
