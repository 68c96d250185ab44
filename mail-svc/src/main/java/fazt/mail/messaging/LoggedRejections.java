package fazt.mail.messaging;

import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MessageRejected;
import fazt.proto.mail.AuthResults;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageRejected} until outbound mail exists: records that a bounce would be due and sends none. The outbound
 * part of mail-svc replaces this class with one that queues the bounce.
 */
@Singleton
final class LoggedRejections implements MessageRejected {
    private static final Logger log = LoggerFactory.getLogger(LoggedRejections.class);

    @Override
    public void rejected(InboxEntry entry, String reason, AuthResults auth) {
        boolean authenticated = "pass".equals(auth.spf()) || "pass".equals(auth.dkim());
        log.info(
                "mail rejected by app entryId={} appId={} bounceDue={} (no bounce: outbound mail is not available)",
                entry.id(),
                entry.appId(),
                authenticated && !entry.mailFrom().isEmpty());
    }
}
