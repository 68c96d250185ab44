package fazt.mail.domain;

import java.time.Instant;

/** A message in one mailbox, as lists show it ({@code id} is the entry's: the id the API and apps use). */
public record InboxEntry(
        String id,
        String messageId,
        String mailbox,
        String appId,
        String appName,
        String mailFrom,
        String to,
        String from,
        String subject,
        Instant receivedAt,
        long rawSize,
        boolean read,
        int attachments,
        String status,
        boolean spam) {
    public static final String STORED = "stored";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String REJECTED = "rejected";
}
