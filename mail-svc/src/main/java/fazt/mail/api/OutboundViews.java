package fazt.mail.api;

import fazt.mail.outbound.Outbound;
import fazt.proto.MessageCodec;
import fazt.proto.mail.OutboundView;
import java.nio.charset.StandardCharsets;

/** Outbound rows as the admin API shows them, and JSON bodies in the one codec. */
final class OutboundViews {
    private OutboundViews() {}

    static OutboundView view(Outbound o) {
        return new OutboundView(
                o.id(),
                o.appId(),
                o.messageId(),
                o.from(),
                o.recipients(),
                o.subject(),
                o.size(),
                o.status(),
                o.attempts(),
                o.answer(),
                o.queuedAt(),
                o.status().equals(Outbound.RETRYING) || o.status().equals(Outbound.QUEUED) ? o.nextAttemptAt() : null,
                o.finishedAt());
    }

    static String json(Object value) {
        return new String(MessageCodec.INSTANCE.encode(value), StandardCharsets.UTF_8);
    }
}
