package fazt.mail.messaging;

import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MessageRejected;
import fazt.mail.outbound.Outbox;
import fazt.mail.outbound.StoredMessageRef;
import fazt.proto.mail.AuthResults;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageRejected}: an app's handler refused a received message, so its sender gets a delivery status
 * notification through the outbound queue, but only a sender that passed SPF or DKIM: a bounce to a forged return path
 * would be backscatter (ADR 30). The refusal itself is already recorded; a bounce that cannot be queued is logged and
 * never fails the app's run.
 */
@Singleton
final class BouncingRejections implements MessageRejected {
    private static final Logger log = LoggerFactory.getLogger(BouncingRejections.class);
    private final Outbox outbox;

    BouncingRejections(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void rejected(InboxEntry entry, String reason, AuthResults auth) {
        boolean authenticated = "pass".equals(auth.spf()) || "pass".equals(auth.dkim());
        if (!authenticated || entry.mailFrom() == null || entry.mailFrom().isBlank()) {
            log.info(
                    "mail rejected by app, no bounce entryId={} appId={} spf={} dkim={} nullSender={}",
                    entry.id(),
                    entry.appId(),
                    auth.spf(),
                    auth.dkim(),
                    entry.mailFrom() == null || entry.mailFrom().isBlank());
            return;
        }
        try {
            String bounce = outbox.bounce(new StoredMessageRef(entry.id(), entry.mailFrom(), entry.to()), reason)
                    .id();
            log.info("mail rejected by app, bounced entryId={} appId={} bounce={}", entry.id(), entry.appId(), bounce);
        } catch (RuntimeException e) {
            log.warn(
                    "mail rejected by app, bounce not queued entryId={} appId={}: {}",
                    entry.id(),
                    entry.appId(),
                    e.toString());
        }
    }
}
