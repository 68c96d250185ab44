package fazt.mail.config;

import fazt.mail.domain.Directory;
import fazt.mail.domain.Recipients;
import fazt.mail.inbound.Intake;
import fazt.mail.inbound.SmtpListener;
import fazt.mail.inbound.TlsCertificate;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the SMTP listener once the service's beans are ready, when {@code FAZT_SMTP_PORT} is set, and stops it
 * when the service stops. Until deploy's apps and domains are loaded every {@code RCPT} answers {@code 451}.
 */
@Singleton
public final class SmtpLifecycle implements ApplicationEventListener<StartupEvent> {
    private static final Logger log = LoggerFactory.getLogger(SmtpLifecycle.class);

    private final MailConfig config;
    private final Recipients recipients;
    private final Directory directory;
    private final Intake intake;
    private final TlsCertificate tls;
    private volatile SmtpListener listener;

    SmtpLifecycle(MailConfig config, Recipients recipients, Directory directory, Intake intake, TlsCertificate tls) {
        this.config = config;
        this.recipients = recipients;
        this.directory = directory;
        this.intake = intake;
        this.tls = tls;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (config.smtpPort() == null) {
            log.info("smtp not listening: FAZT_SMTP_PORT is unset");
            return;
        }
        SmtpListener started = new SmtpListener(
                config.smtpPort(), config.smtpHostName(), config.limits(), recipients, directory, intake, tls);
        started.start();
        listener = started;
    }

    /** The port the listener has, or -1 when there is none. */
    public int port() {
        SmtpListener l = listener;
        return l == null ? -1 : l.port();
    }

    @PreDestroy
    void stop() {
        SmtpListener l = listener;
        listener = null;
        if (l != null) {
            l.close();
        }
    }
}
