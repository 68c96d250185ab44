package fazt.mail.outbound;

import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLConnection;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Composes a checked {@link SendBody} into the bytes that are stored, signed and sent (Angus Mail): From, To, Cc,
 * Reply-To, Subject (RFC 2047 when not ASCII), Date, {@code Message-ID: <id>} fazt chose, In-Reply-To and References
 * for a reply, custom {@code X-*}/{@code List-*} headers, and the text, html and attachments as multipart/alternative,
 * related (inline {@code cid:} parts) and mixed as needed. Bcc recipients never appear in the headers. Text bodies are
 * written with CRLF line ends, so what is signed is what the relay receives.
 */
final class MessageComposer {
    static final Pattern CUSTOM_HEADER = Pattern.compile("(?i)(X|List)-[A-Za-z0-9-]{1,64}");
    private static final Session SESSION = Session.getInstance(new Properties());

    private MessageComposer() {}

    /** A reply's threading headers: the parent's Message-ID (with brackets) and its References chain. */
    record Thread(String inReplyTo, String references) {}

    static byte[] compose(SendBody body, InternetAddress from, String messageId, Instant date, Thread thread) {
        try {
            MimeMessage message = new FixedIdMessage(messageId);
            message.setFrom(from);
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, addresses("to", body.to()));
            if (body.cc() != null && !body.cc().isEmpty()) {
                message.setRecipients(jakarta.mail.Message.RecipientType.CC, addresses("cc", body.cc()));
            }
            if (body.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {Addresses.parse("replyTo", body.replyTo())});
            }
            if (body.subject() != null) {
                message.setSubject(body.subject(), "UTF-8");
            }
            message.setSentDate(Date.from(date));
            if (thread != null) {
                message.setHeader("In-Reply-To", thread.inReplyTo());
                message.setHeader("References", thread.references());
            }
            if (body.headers() != null) {
                for (Map.Entry<String, String> h : body.headers().entrySet()) {
                    message.addHeader(h.getKey(), MimeUtility.fold(h.getKey().length() + 2, encode(h.getValue())));
                }
            }
            setContent(message, body);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out, new String[] {"Bcc", "Content-Length"});
            byte[] raw = out.toByteArray();
            if (raw.length < 2 || raw[raw.length - 2] != '\r' || raw[raw.length - 1] != '\n') {
                // the relay gets a final CRLF before "." anyway: store (and sign) exactly what it receives
                out.write('\r');
                out.write('\n');
                raw = out.toByteArray();
            }
            return raw;
        } catch (MessagingException | IOException e) {
            throw new OutboundException.InvalidMessage("body", "The message cannot be composed: " + e.getMessage());
        }
    }

    private static void setContent(MimeMessage message, SendBody body) throws MessagingException, IOException {
        List<OutgoingAttachment> attachments = body.attachments() == null ? List.of() : body.attachments();
        MimeBodyPart text = body.text() == null ? null : textPart(body.text(), "plain");
        MimeBodyPart html = body.html() == null ? null : textPart(body.html(), "html");
        List<OutgoingAttachment> inline = attachments.stream()
                .filter(a -> a.contentId() != null && html != null)
                .toList();
        List<OutgoingAttachment> attached =
                attachments.stream().filter(a -> !inline.contains(a)).toList();
        MimeBodyPart htmlWithInline = html;
        if (!inline.isEmpty()) {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(html);
            for (OutgoingAttachment a : inline) {
                related.addBodyPart(attachmentPart(a, true));
            }
            htmlWithInline = wrap(related);
        }
        MimeBodyPart main;
        if (text != null && htmlWithInline != null) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(htmlWithInline);
            main = wrap(alternative);
        } else {
            main = text != null ? text : htmlWithInline;
        }
        if (attached.isEmpty()) {
            if (main.getContent() instanceof MimeMultipart multipart) {
                message.setContent(multipart);
            } else {
                message.setText(
                        crlf(text != null ? body.text() : body.html()), "UTF-8", text != null ? "plain" : "html");
                message.setHeader("Content-Transfer-Encoding", "quoted-printable");
            }
            return;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        if (main != null) {
            mixed.addBodyPart(main);
        }
        for (OutgoingAttachment a : attached) {
            mixed.addBodyPart(attachmentPart(a, false));
        }
        message.setContent(mixed);
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(crlf(content), "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart attachmentPart(OutgoingAttachment a, boolean inline) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        String type = a.contentType() != null ? a.contentType() : guessType(a.filename());
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", "base64");
        if (a.filename() != null) {
            try {
                part.setFileName(MimeUtility.encodeText(a.filename(), "UTF-8", null));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        part.setDisposition(inline ? MimeBodyPart.INLINE : MimeBodyPart.ATTACHMENT);
        if (a.contentId() != null) {
            part.setContentID("<" + a.contentId() + ">");
        }
        return part;
    }

    static String guessType(String filename) {
        String guessed = filename == null ? null : URLConnection.guessContentTypeFromName(filename);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static InternetAddress[] addresses(String field, List<String> list) {
        if (list == null) {
            return new InternetAddress[0];
        }
        InternetAddress[] out = new InternetAddress[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Addresses.parse(field, list.get(i));
        }
        return out;
    }

    private static String encode(String value) {
        try {
            return MimeUtility.encodeText(value, "UTF-8", null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Line ends as CRLF: what a relay receives over SMTP, so that signed and sent bytes agree. */
    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n");
    }

    /** A message whose Message-ID is the one fazt chose (Angus would make its own on saveChanges). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
