package fazt.mail.domain;

import fazt.proto.mail.AttachmentView;
import fazt.proto.mail.AuthResults;
import fazt.proto.mail.MailHeader;
import java.util.List;

/** A stored message's parsed content beyond its summary: what {@code MessageDetail} carries. */
public record MessageContent(
        List<MailHeader> headers,
        String messageIdHeader,
        String text,
        String html,
        List<AttachmentView> attachments,
        AuthResults auth,
        String reason) {}
