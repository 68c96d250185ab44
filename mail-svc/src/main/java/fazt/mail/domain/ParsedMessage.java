package fazt.mail.domain;

import fazt.proto.mail.MailHeader;
import java.util.List;

/**
 * What a received message holds, parsed once when it arrives: every header in order (RFC 2047 decoded), the
 * {@code Message-ID} without brackets, the header {@code From} (as written, decoded) and its address, the subject,
 * the first text and html bodies, and the attachments' decoded bytes in MIME order.
 */
public record ParsedMessage(
        List<MailHeader> headers,
        String messageIdHeader,
        String from,
        String fromAddress,
        String subject,
        String text,
        String html,
        List<Attachment> attachments) {
    public record Attachment(String filename, String contentType, String contentId, byte[] data) {}
}
