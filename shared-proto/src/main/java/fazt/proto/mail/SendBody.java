package fazt.proto.mail;

import java.util.List;
import java.util.Map;

/**
 * A message to send: the body of {@code POST /api/mail/send} and of {@code env.MAIL.send(...)}. {@code from} must be
 * an address the sender may use (an app: its own addresses, or any local part at a domain mapped to it; an admin: any
 * address at a mail domain of this installation); {@code to}, {@code cc}, {@code bcc} hold at least one recipient in
 * all (at most 50). {@code text} and/or {@code html}; {@code headers} adds custom headers ({@code X-*} and
 * {@code List-*} only; never {@code From}, {@code Date}, {@code Message-ID}, which fazt sets). {@code inReplyTo}, the
 * id of a message in the sender's mailbox, makes this a reply ({@code In-Reply-To} and {@code References} from it).
 * {@code forwardOf}, the id of a message in the sender's mailbox, sends that message unchanged (with
 * {@code Resent-*} headers) to the recipients; then only {@code from} and the recipients may be set.
 */
public record SendBody(
        String from,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String replyTo,
        String subject,
        String text,
        String html,
        List<OutgoingAttachment> attachments,
        Map<String, String> headers,
        String inReplyTo,
        String forwardOf) {}
