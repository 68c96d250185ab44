package fazt.mail.config;

import fazt.mail.inbound.SmtpLimits;
import fazt.platform.service.BootstrapSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * mail-svc's configuration from its settings ({@code MailSettings}): the mail domain ({@code FAZT_MAIL_DOMAIN}, else
 * {@code FAZT_DOMAIN}), the SMTP host name ({@code FAZT_SMTP_HOSTNAME}, else {@code mail.<mail domain>}), the SMTP
 * port (null: no listener), the listener's limits and the DNS server of the authentication checks.
 */
@Singleton
public final class MailConfig {
    private final String mailDomain;
    private final String smtpHostName;
    private final Integer smtpPort;
    private final SmtpLimits limits;
    private final String dns;

    MailConfig(
            BootstrapSettings settings,
            @Nullable @Value("${mail.domain:}") String mailDomain,
            @Nullable @Value("${mail.smtp.hostname:}") String smtpHostName,
            @Nullable @Value("${mail.smtp.port:-1}") Integer smtpPort,
            @Value("${mail.smtp.max-message-bytes:26214400}") int maxMessageBytes,
            @Value("${mail.smtp.max-recipients:100}") int maxRecipients,
            @Value("${mail.smtp.max-connections:200}") int maxConnections,
            @Value("${mail.smtp.max-connections-per-client:50}") int maxConnectionsPerClient,
            @Value("${mail.smtp.max-commands:200}") int maxCommands,
            @Value("${mail.smtp.max-errors:20}") int maxErrors,
            @Value("${mail.smtp.idle-timeout-millis:300000}") int idleTimeoutMillis,
            @Value("${mail.smtp.data-timeout-millis:600000}") int dataTimeoutMillis,
            @Value("${mail.smtp.max-concurrent-messages:4}") int maxConcurrentMessages,
            @Nullable @Value("${mail.dns:}") String dns) {
        this.mailDomain = mailDomain == null || mailDomain.isBlank() ? settings.domain() : mailDomain;
        this.smtpHostName = smtpHostName == null || smtpHostName.isBlank() ? "mail." + this.mailDomain : smtpHostName;
        this.smtpPort = smtpPort == null || smtpPort < 0 ? null : smtpPort;
        this.limits = new SmtpLimits(
                maxMessageBytes,
                maxRecipients,
                maxConnections,
                maxConnectionsPerClient,
                maxCommands,
                maxErrors,
                idleTimeoutMillis,
                dataTimeoutMillis,
                maxConcurrentMessages);
        this.dns = dns == null || dns.isBlank() ? null : dns;
    }

    public String mailDomain() {
        return mailDomain;
    }

    public String smtpHostName() {
        return smtpHostName;
    }

    /** The SMTP port, or null when mail-svc listens for no SMTP. */
    public Integer smtpPort() {
        return smtpPort;
    }

    public SmtpLimits limits() {
        return limits;
    }

    public String dns() {
        return dns;
    }
}
