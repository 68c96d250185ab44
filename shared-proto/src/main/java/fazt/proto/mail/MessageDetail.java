package fazt.proto.mail;

import fazt.proto.MessageType;
import java.util.List;

/**
 * A received message whole but for its bytes: the {@code summary}, every header in order, the {@code messageIdHeader}
 * ({@code Message-ID} without angle brackets, may be null), the decoded {@code text} and {@code html} bodies (null when
 * absent), its {@code attachments}, how it {@code auth}enticated, and {@code reason}: why the app rejected it or why
 * its handler failed (null otherwise). The raw bytes come by {@link PartRequest} or {@code GET .../raw}.
 */
@MessageType("mail.message_detail.v1")
public record MessageDetail(
        MessageSummary summary,
        List<MailHeader> headers,
        String messageIdHeader,
        String text,
        String html,
        List<AttachmentView> attachments,
        AuthResults auth,
        String reason) {}
