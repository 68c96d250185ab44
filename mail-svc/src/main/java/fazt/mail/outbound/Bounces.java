package fazt.mail.outbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * A delivery status notification (RFC 3464, {@code multipart/report; report-type=delivery-status}) for a received
 * message an app refused: a human-readable part with the reason, the {@code message/delivery-status} part
 * ({@code Action: failed}, {@code Status: 5.7.1}) and the refused message's headers ({@code text/rfc822-headers}).
 */
final class Bounces {
    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private Bounces() {}

    static String date(Instant at) {
        return RFC_5322.format(at.atZone(ZoneOffset.UTC));
    }

    static byte[] compose(
            String from,
            String to,
            String reportingHost,
            String recipient,
            String reason,
            byte[] originalHeaders,
            String messageId,
            Instant at) {
        String why = reason == null || reason.isBlank() ? "The recipient refused the message." : reason;
        why = SmtpRelayTransport.oneLine(why);
        String boundary = "=_fazt_dsn_" + UUID.randomUUID();
        String rcpt = recipient == null ? "" : SmtpRelayTransport.oneLine(recipient);
        StringBuilder head = new StringBuilder()
                .append("From: Mail Delivery System <")
                .append(from)
                .append(">\r\n")
                .append("To: <")
                .append(to)
                .append(">\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Date: ")
                .append(date(at))
                .append("\r\n")
                .append("Message-ID: <")
                .append(messageId)
                .append(">\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary)
                .append("\"\r\n\r\n")
                .append("This is a MIME-encapsulated message.\r\n\r\n")
                .append("--")
                .append(boundary)
                .append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .append("Your message to ")
                .append(rcpt)
                .append(" was refused by its recipient:\r\n\r\n    ")
                .append(why)
                .append("\r\n\r\n--")
                .append(boundary)
                .append("\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; ")
                .append(reportingHost)
                .append("\r\nArrival-Date: ")
                .append(date(at))
                .append("\r\n\r\n")
                .append("Final-Recipient: rfc822; ")
                .append(rcpt)
                .append("\r\nAction: failed\r\nStatus: 5.7.1\r\n")
                .append("Diagnostic-Code: smtp; 550 5.7.1 ")
                .append(why.replaceAll("[^\\x20-\\x7e]", "?"))
                .append("\r\n\r\n--")
                .append(boundary)
                .append("\r\nContent-Type: text/rfc822-headers\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(originalHeaders);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
