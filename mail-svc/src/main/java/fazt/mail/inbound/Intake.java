package fazt.mail.inbound;

import fazt.mail.domain.Ids;
import fazt.mail.domain.Incoming;
import fazt.mail.domain.MessageEvents;
import fazt.mail.domain.ParsedMessage;
import fazt.mail.domain.Target;
import fazt.mail.persistence.JdbcInbox;
import fazt.proto.mail.AuthResults;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a message SMTP received for its recipients: parses it, authenticates it, stores it with one inbox entry per
 * distinct mailbox (pending for an app with server code) in one transaction, then announces each entry. Only when
 * this returns does the client get {@code 250}; a failure to store throws and becomes {@code 451 4.3.0}.
 */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** One accepted recipient and where it goes; {@code serverCode}: the app runs an email handler. */
    public record Recipient(String address, Target target, boolean serverCode) {}

    private final JdbcInbox inbox;
    private final MailAuthenticator authenticator;
    private final MessageEvents events;
    private final Clock clock;
    private final Bulkhead inMemory;

    /**
     * {@code maxConcurrent}: messages read, parsed and stored at once (each is held in memory whole, several times
     * over while it is parsed); a message beyond waits up to {@link #ADMIT_WAIT} for its turn.
     */
    public Intake(
            JdbcInbox inbox, MailAuthenticator authenticator, MessageEvents events, Clock clock, int maxConcurrent) {
        this.inbox = inbox;
        this.authenticator = authenticator;
        this.events = events;
        this.clock = clock;
        this.inMemory = Bulkhead.of(
                "smtp-data",
                BulkheadConfig.custom()
                        .maxConcurrentCalls(maxConcurrent)
                        .maxWaitDuration(ADMIT_WAIT)
                        .build());
    }

    /** How long a message waits for its turn before it is deferred with {@code 451 4.3.2}. */
    public static final Duration ADMIT_WAIT = Duration.ofSeconds(30);

    /** Takes a turn to receive a message; false when none came within {@link #ADMIT_WAIT}. */
    public boolean admit() {
        return inMemory.tryAcquirePermission();
    }

    /** Gives back a turn {@link #admit} took. */
    public void release() {
        inMemory.onComplete();
    }

    /** Stores the message; returns its id. */
    public String accept(String mailFrom, String helo, String clientIp, List<Recipient> recipients, byte[] raw) {
        ParsedMessage parsed = MimeParser.parse(raw);
        AuthResults auth = authenticator.check(clientIp, helo, mailFrom, parsed.fromAddress(), raw);
        boolean spam = "fail".equals(auth.dmarc())
                && ("quarantine".equals(auth.dmarcPolicy()) || "reject".equals(auth.dmarcPolicy()));
        Map<String, Incoming.Delivery> byMailbox = new LinkedHashMap<>();
        for (Recipient r : recipients) {
            byMailbox.computeIfAbsent(
                    r.target().mailbox(),
                    m -> new Incoming.Delivery(
                            Ids.entry(), r.target(), r.address(), r.target().appId() != null && r.serverCode()));
        }
        Incoming incoming = new Incoming(
                Ids.message(),
                mailFrom,
                helo,
                clientIp,
                raw,
                parsed,
                auth,
                spam,
                List.copyOf(new ArrayList<>(byMailbox.values())));
        inbox.store(incoming, clock.instant());
        log.info(
                "mail stored messageId={} size={} mailboxes={} spf={} dkim={} dmarc={}",
                incoming.messageId(),
                raw.length,
                incoming.deliveries().size(),
                auth.spf(),
                auth.dkim(),
                auth.dmarc());
        for (Incoming.Delivery d : incoming.deliveries()) {
            try {
                events.received(incoming, d);
            } catch (RuntimeException e) {
                log.warn("mail received event not published entryId={}", d.entryId(), e);
            }
        }
        return incoming.messageId();
    }
}
