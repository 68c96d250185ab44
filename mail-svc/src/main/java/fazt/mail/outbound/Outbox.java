package fazt.mail.outbound;

import fazt.proto.auth.Principal;
import fazt.proto.mail.SendAnswer;
import fazt.proto.mail.SendBody;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Queues outbound mail durably (ADR 30): checks the message and who may send it, composes it with its
 * {@code Message-ID} and {@code Date}, signs it when its From domain has a DKIM key, and stores the row and publishes
 * its queue message in one transaction before answering. An app's messages count against its hourly limit.
 */
public final class Outbox {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundStore store;
    private final OutboundQueue queue;
    private final DkimKeys dkim;
    private final AppDirectory apps;
    private final OutboundConfig config;
    private final Clock clock;

    public Outbox(
            OutboundStore store,
            OutboundQueue queue,
            DkimKeys dkim,
            AppDirectory apps,
            OutboundConfig config,
            Clock clock) {
        this.store = store;
        this.queue = queue;
        this.dkim = dkim;
        this.apps = apps;
        this.config = config;
        this.clock = clock;
    }

    /** {@code env.MAIL.send} of app {@code appId}: from its own addresses only; counted against its limit. */
    public SendAnswer sendForApp(String appId, SendBody body) {
        if (appId == null || appId.isBlank()) {
            throw new OutboundException.InvalidMessage("appId", "The request needs the app's id.");
        }
        List<String> recipients = SendChecks.check(body, config.maxMessageBytes());
        InternetAddress from =
                body.from() == null ? address(appId + "@" + config.mailDomain()) : Addresses.parse("from", body.from());
        if (!appMaySend(appId, from.getAddress())) {
            throw new OutboundException.InvalidMessage(
                    "from",
                    from.getAddress() + " is not an address of this app: use " + appId + "@" + config.mailDomain()
                            + " or an address at a domain mapped to it.");
        }
        return queue(appId, "app:" + appId, from, recipients, body);
    }

    /** {@code POST /mail/send} of an admin: from any address at a local domain, not counted. */
    public SendAnswer sendForAdmin(Principal admin, SendBody body) {
        List<String> recipients = SendChecks.check(body, config.maxMessageBytes());
        if (body.from() == null) {
            throw new OutboundException.InvalidMessage("from", "An admin's message needs from.");
        }
        InternetAddress from = Addresses.parse("from", body.from());
        String domain = Addresses.domainOf(from.getAddress());
        if (!domain.equals(config.mailDomain()) && apps.customDomain(domain).isEmpty()) {
            throw new OutboundException.InvalidMessage(
                    "from", domain + " is neither the mail domain nor a custom domain of this installation.");
        }
        return queue(null, "user:" + admin.subject(), from, recipients, body);
    }

    /**
     * Queues a delivery status notification (RFC 3464) for a received message an app refused: from
     * {@code MAILER-DAEMON@<mail domain>} with the null envelope sender, to the message's return path.
     */
    public SendAnswer bounce(StoredMessageRef ref, String reason) {
        if (ref.returnPath() == null
                || ref.returnPath().isBlank()
                || ref.returnPath().equals("<>")) {
            throw new OutboundException.InvalidMessage("returnPath", "A message without a return path is not bounced.");
        }
        InternetAddress to = Addresses.parse("returnPath", ref.returnPath());
        OutboundStore.StoredMessage original = store.message(ref.messageId())
                .orElseThrow(() -> new OutboundException.NoMessage("messageId", ref.messageId()));
        String id = newId();
        String messageId = id + "@" + config.mailDomain();
        Instant now = clock.instant();
        byte[] raw = Bounces.compose(
                "MAILER-DAEMON@" + config.mailDomain(),
                to.getAddress(),
                config.smtpHostname(),
                ref.recipient(),
                reason,
                headerSection(original.raw()),
                messageId,
                now);
        raw = signed(raw, config.mailDomain());
        return store(
                new Outbound(
                        id,
                        null,
                        Outbound.BOUNCE,
                        messageId,
                        "",
                        "MAILER-DAEMON@" + config.mailDomain(),
                        List.of(to.getAddress()),
                        "Undelivered Mail Returned to Sender",
                        raw.length,
                        Outbound.QUEUED,
                        0,
                        null,
                        now,
                        null,
                        null),
                raw);
    }

    private SendAnswer queue(
            String appId, String mailbox, InternetAddress from, List<String> recipients, SendBody body) {
        String id = newId();
        String messageId = id + "@" + config.mailDomain();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] raw;
        String kind;
        String subject;
        if (body.forwardOf() != null) {
            OutboundStore.StoredMessage original = store.message(body.forwardOf(), mailbox)
                    .orElseThrow(() -> new OutboundException.NoMessage("forwardOf", body.forwardOf()));
            raw = resent(original.raw(), from, recipients, messageId, now);
            kind = Outbound.FORWARD;
            subject = header(original.raw(), "Subject");
        } else {
            MessageComposer.Thread thread = null;
            if (body.inReplyTo() != null) {
                OutboundStore.StoredMessage parent = store.message(body.inReplyTo(), mailbox)
                        .orElseThrow(() -> new OutboundException.NoMessage("inReplyTo", body.inReplyTo()));
                thread = thread(parent);
            }
            raw = MessageComposer.compose(body, from, messageId, now, thread);
            kind = Outbound.SEND;
            subject = body.subject();
        }
        if (raw.length > config.maxMessageBytes()) {
            throw SendChecks.tooLarge(config.maxMessageBytes());
        }
        raw = signed(raw, Addresses.domainOf(from.getAddress()));
        Outbound row = new Outbound(
                id,
                appId,
                kind,
                messageId,
                from.getAddress(),
                from.toUnicodeString(),
                recipients,
                subject,
                raw.length,
                Outbound.QUEUED,
                0,
                null,
                now,
                null,
                null);
        return store(row, raw);
    }

    /** Stores the row (counting the app's slot) and publishes its queue message, all or nothing. */
    private SendAnswer store(Outbound row, byte[] raw) {
        Instant window = row.queuedAt().truncatedTo(ChronoUnit.HOURS);
        store.db().inTransaction(c -> {
            if (row.appId() != null && !OutboundStore.takeSendSlot(c, row.appId(), window, config.perHour())) {
                long wait = Duration.between(clock.instant(), window.plus(Duration.ofHours(1)))
                                .toSeconds()
                        + 1;
                throw new OutboundException.RateLimited(Math.max(1, wait), config.perHour());
            }
            OutboundStore.insert(c, row, raw);
            queue.publish(row.id(), row.queuedAt());
            return null;
        });
        return new SendAnswer(row.id(), row.messageId(), row.status());
    }

    private boolean appMaySend(String appId, String address) {
        String domain = Addresses.domainOf(address);
        if (domain.equals(config.mailDomain())) {
            return Addresses.localPartOf(address).equalsIgnoreCase(appId);
        }
        return apps.customDomain(domain).map(d -> appId.equals(d.appId())).orElse(false);
    }

    private byte[] signed(byte[] raw, String domain) {
        Optional<DkimKeys.DkimKey> key = dkim.find(domain);
        return key.map(k -> DkimKeys.sign(raw, k)).orElse(raw);
    }

    private static MessageComposer.Thread thread(OutboundStore.StoredMessage parent) {
        String parentId = parent.messageIdHeader();
        if (parentId == null || parentId.isBlank()) {
            parentId = header(parent.raw(), "Message-ID");
        }
        if (parentId == null || parentId.isBlank()) {
            return null;
        }
        parentId = parentId.strip();
        if (!parentId.startsWith("<")) {
            parentId = "<" + parentId + ">";
        }
        String references = header(parent.raw(), "References");
        String chain = references == null || references.isBlank() ? parentId : references.strip() + " " + parentId;
        SendChecks.headerValue("inReplyTo", parentId);
        return new MessageComposer.Thread(parentId, chain.replaceAll("[\\r\\n]+", " "));
    }

    /** The original raw bytes with {@code Resent-*} headers in front (RFC 5322 3.6.6). */
    private static byte[] resent(byte[] original, InternetAddress from, List<String> to, String messageId, Instant at) {
        String head = "Resent-From: " + from.toString() + "\r\n"
                + "Resent-To: " + String.join(", ", to) + "\r\n"
                + "Resent-Date: " + Bounces.date(at) + "\r\n"
                + "Resent-Message-ID: <" + messageId + ">\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + head.length());
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(original);
        return out.toByteArray();
    }

    /** The first value of header {@code name} of a raw message (unfolded), or null. */
    static String header(byte[] raw, String name) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            String value = headers.getHeader(name, null);
            return value == null ? null : value.replaceAll("\\r?\\n[ \\t]", " ");
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The header section of a raw message, for the DSN's text/rfc822-headers part. */
    static byte[] headerSection(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return (end < 0 ? text : text.substring(0, end) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InternetAddress address(String text) {
        return Addresses.parse("from", text);
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "o_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
