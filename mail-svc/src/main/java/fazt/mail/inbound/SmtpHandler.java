package fazt.mail.inbound;

import fazt.mail.domain.Address;
import fazt.mail.domain.Directory;
import fazt.mail.domain.Recipients;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction (ADR 30): checks each {@code RCPT} against the local domains and addresses, reads
 * {@code DATA} within the limits, refuses bare line endings, and answers {@code 250} only after the message is
 * stored. Refusals count against the session's error limit; past it the connection is closed.
 */
final class SmtpHandler implements MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(SmtpHandler.class);

    private final MessageContext context;
    private final Recipients recipients;
    private final Directory directory;
    private final Intake intake;
    private final SmtpLimits limits;
    private final SessionGate.Counters counters;
    private final String hostName;
    private final List<Intake.Recipient> accepted = new ArrayList<>();
    private String mailFrom = "";

    SmtpHandler(
            MessageContext context,
            Recipients recipients,
            Directory directory,
            Intake intake,
            SmtpLimits limits,
            SessionGate.Counters counters,
            String hostName) {
        this.context = context;
        this.recipients = recipients;
        this.directory = directory;
        this.intake = intake;
        this.limits = limits;
        this.counters = counters;
        this.hostName = hostName;
    }

    @Override
    public void from(String from) throws RejectException {
        if (from != null && (from.length() > Address.MAX_LENGTH || !senderShaped(from))) {
            throw refuse(501, "5.1.7 Bad sender address syntax");
        }
        mailFrom = from == null ? "" : from;
    }

    /**
     * Whether a non-null reverse path has the shape {@code local@domain}: one {@code @} with text on both sides, no
     * blanks or control characters. Deliberately no stricter, so SMTPUTF8 senders stay accepted.
     */
    static boolean senderShaped(String from) {
        if (from.isEmpty()) {
            return true; // the null reverse path <>: bounces
        }
        int at = from.lastIndexOf('@');
        return at > 0
                && at < from.length() - 1
                && from.chars().noneMatch(c -> c <= 0x20 || c == 0x7f)
                && from.indexOf('@', at + 1) < 0;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (accepted.size() >= limits.maxRecipients()) {
            throw new RejectException(452, "4.5.3 Too many recipients");
        }
        // RFC 5321 4.5.1: "Postmaster" without a domain must be accepted.
        Optional<Address> address = "postmaster".equalsIgnoreCase(recipient)
                ? Address.parse("postmaster@" + directory.mailDomain())
                : Address.parse(recipient);
        if (address.isEmpty() || address.get().catchAll()) {
            throw refuse(501, "5.1.3 Bad recipient address syntax");
        }
        Recipients.Verdict verdict;
        try {
            verdict = recipients.resolve(address.get());
        } catch (RuntimeException e) {
            log.error("recipient check failed client={}", clientIp(), e);
            throw new RejectException(451, "4.3.0 Recipient check failed, try again later");
        }
        switch (verdict) {
            case Recipients.NotLocal n -> throw refuse(550, "5.7.1 Relaying denied");
            case Recipients.Unknown u -> throw refuse(550, "5.1.1 Mailbox unavailable");
            case Recipients.NotReady r -> throw new RejectException(451, "4.3.0 Not ready, try again later");
            case Recipients.Found found -> {
                boolean serverCode = found.target().appId() != null
                        && directory
                                .app(found.target().appId())
                                .map(Directory.App::serverCode)
                                .orElse(false);
                accepted.add(new Intake.Recipient(address.get().toString(), found.target(), serverCode));
            }
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        long deadline = System.nanoTime() + limits.dataTimeoutMillis() * 1_000_000L;
        if (!intake.admit()) {
            // Too many messages in memory at once: read this one to its end, keep nothing, ask for it later.
            DataReader.read(data, new byte[0], 0, deadline);
            throw new RejectException(451, "4.3.2 System busy, try again later");
        }
        try {
            return receive(data, deadline);
        } finally {
            intake.release();
        }
    }

    private String receive(InputStream data, long deadline) throws RejectException, IOException {
        DataReader.Data read;
        try {
            read = DataReader.read(data, received(), limits.maxMessageBytes(), deadline);
        } catch (DataReader.TooSlow e) {
            throw new DropConnectionException(421, "4.4.2 Data timeout, closing connection");
        }
        if (read.tooBig()) {
            throw refuse(552, "5.3.4 Message size exceeds fixed limit");
        }
        if (read.bareLineEnding()) {
            log.info("mail refused: bare CR or LF in DATA client={}", clientIp());
            throw refuse(554, "5.6.0 Bare CR or LF in message data; lines must end with CRLF");
        }
        byte[] raw = read.bytes();
        String id;
        try {
            id = intake.accept(mailFrom, context.getHelo().orElse(null), clientIp(), List.copyOf(accepted), raw);
        } catch (RuntimeException e) {
            log.error("mail not stored client={}", clientIp(), e);
            throw new RejectException(451, "4.3.0 Could not store the message, try again later");
        }
        counters.commands.set(0);
        return "2.0.0 Ok: queued as " + id;
    }

    @Override
    public void done() {}

    private RejectException refuse(int code, String message) {
        if (counters.errors.incrementAndGet() >= limits.maxErrors()) {
            return new DropConnectionException(421, "4.7.0 Too many errors, closing connection");
        }
        return new RejectException(code, message);
    }

    private String clientIp() {
        return context.getRemoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : null;
    }

    /** This server's {@code Received} trace header, which goes first (RFC 5321 4.4). */
    private byte[] received() {
        String helo = context.getHelo().orElse("unknown").replaceAll("[^\\x21-\\x7e]", "?");
        String received = "Received: from " + helo + " ([" + clientIp() + "])\r\n\tby " + hostName
                + " (fazt) with ESMTP;\r\n\t"
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n";
        return received.getBytes(StandardCharsets.US_ASCII);
    }
}
