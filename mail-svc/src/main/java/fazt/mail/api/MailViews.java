package fazt.mail.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MessageContent;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MailHeader;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageSummary;
import java.util.List;

/**
 * Inbox entries as the wire records of {@code fazt.proto.mail}. A detail travels in one NATS message, so its parts
 * are bounded: each body to {@link #MAX_BODY} characters, at most {@link #MAX_HEADERS} headers of at most
 * {@link #MAX_HEADER} characters each; the raw message (by chunks) has everything.
 */
final class MailViews {
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_HEADERS = 500;
    static final int MAX_HEADER = 8 * 1024;

    private MailViews() {}

    static MessageSummary summary(InboxEntry e) {
        return new MessageSummary(
                e.id(),
                e.mailbox(),
                e.mailFrom(),
                e.to(),
                e.from(),
                e.subject(),
                e.receivedAt(),
                e.rawSize(),
                e.read(),
                e.attachments(),
                e.status(),
                e.spam());
    }

    static MessageDetail detail(InboxEntry e, MessageContent c) {
        List<MailHeader> headers = c.headers().stream()
                .limit(MAX_HEADERS)
                .map(h -> new MailHeader(h.name(), cut(h.value(), MAX_HEADER)))
                .toList();
        return new MessageDetail(
                summary(e),
                headers,
                c.messageIdHeader(),
                cut(c.text(), MAX_BODY),
                cut(c.html(), MAX_BODY),
                c.attachments(),
                c.auth(),
                c.reason());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
