package fazt.proto.mail;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * One received message in a list: its {@code id}, the {@code mailbox} it is in ({@code app:<appId>} or
 * {@code user:<userId>}), envelope {@code mailFrom} and the recipient {@code to} it was delivered for, header
 * {@code from} and {@code subject}, {@code receivedAt}, {@code rawSize}, whether it was {@code read}, how many
 * {@code attachments}, {@code status} ({@code stored}, {@code delivered} to the app's handler, {@code failed} there,
 * {@code rejected} by it) and {@code spam} (DMARC failed against a {@code quarantine} or {@code reject} policy).
 */
@MessageType("mail.message_summary.v1")
public record MessageSummary(
        String id,
        String mailbox,
        String mailFrom,
        String to,
        String from,
        String subject,
        Instant receivedAt,
        long rawSize,
        boolean read,
        int attachments,
        String status,
        boolean spam) {}
