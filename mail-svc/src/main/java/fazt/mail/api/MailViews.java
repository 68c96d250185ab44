package fazt.mail.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.mail.domain.InboxEntry;
import fazt.mail.domain.MessageContent;
import fazt.proto.MessageCodec;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageSummary;

/** Inbox entries as the wire records of {@code fazt.proto.mail}. */
final class MailViews {
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
        return new MessageDetail(
                summary(e),
                c.headers(),
                c.messageIdHeader(),
                c.text(),
                c.html(),
                c.attachments(),
                c.auth(),
                c.reason());
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
