package fazt.mail.inbound;

import fazt.mail.domain.ParsedMessage;
import fazt.proto.mail.MailHeader;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Parses a received message with Angus Mail (ADR 30): headers decoded from RFC 2047 words, the first
 * {@code text/plain} and {@code text/html} bodies that are not attachments, and every other leaf part as an
 * attachment, decoded. Nesting and the number of parts are bounded; a part that cannot be decoded is kept as an
 * attachment of its raw bytes rather than failing the message, since a message accepted by SMTP must be stored.
 */
public final class MimeParser {
    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 1_000;

    private static final Session SESSION = Session.getInstance(mimeProperties());

    private MimeParser() {}

    public static ParsedMessage parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            List<MailHeader> headers = new ArrayList<>();
            Enumeration<Header> all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                headers.add(new MailHeader(h.getName(), decode(h.getValue())));
            }
            String from = first(message, "From");
            Walk walk = new Walk();
            walk.part(message, 0);
            return new ParsedMessage(
                    headers,
                    messageId(first(message, "Message-ID")),
                    from == null ? null : decode(from),
                    address(from),
                    decode(first(message, "Subject")),
                    walk.text,
                    walk.html,
                    List.copyOf(walk.attachments));
        } catch (MessagingException e) {
            return new ParsedMessage(List.of(), null, null, null, null, null, null, List.of());
        }
    }

    /** The address of a {@code From} header value (the first, lower-cased domain), or null. */
    static String address(String from) {
        if (from == null) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(from, false);
            return parsed.length == 0 ? null : parsed[0].getAddress();
        } catch (AddressException e) {
            return null;
        }
    }

    private static final class Walk {
        String text;
        String html;
        final List<ParsedMessage.Attachment> attachments = new ArrayList<>();
        int parts;

        void part(Part part, int depth) throws MessagingException {
            if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
                return;
            }
            String type = baseType(part);
            Object content;
            if (type.startsWith("multipart/")) {
                try {
                    content = part.getContent();
                } catch (IOException | MessagingException e) {
                    attach(part, type);
                    return;
                }
                if (content instanceof Multipart multi) {
                    for (int i = 0; i < multi.getCount(); i++) {
                        BodyPart child = multi.getBodyPart(i);
                        part(child, depth + 1);
                    }
                    return;
                }
            }
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attachment && type.equals("text/plain") && text == null) {
                text = textOf(part);
                return;
            }
            if (!attachment && type.equals("text/html") && html == null) {
                html = textOf(part);
                return;
            }
            attach(part, type);
        }

        void attach(Part part, String type) throws MessagingException {
            byte[] data;
            try (InputStream in = part.getInputStream()) {
                data = in.readAllBytes();
            } catch (IOException | MessagingException e) {
                data = new byte[0];
            }
            String filename;
            try {
                filename = part.getFileName() == null ? null : MimeUtility.decodeText(part.getFileName());
            } catch (UnsupportedEncodingException | MessagingException e) {
                filename = null;
            }
            String contentId = part instanceof jakarta.mail.internet.MimePart mime ? mime.getContentID() : null;
            if (contentId != null) {
                contentId = messageId(contentId);
            }
            attachments.add(new ParsedMessage.Attachment(filename, type, contentId, data));
        }
    }

    private static String textOf(Part part) throws MessagingException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        Charset charset = StandardCharsets.UTF_8;
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            if (name != null) {
                charset = Charset.forName(MimeUtility.javaCharset(name));
            }
        } catch (RuntimeException | MessagingException e) {
            charset = StandardCharsets.UTF_8;
        }
        return new String(bytes, charset);
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String first(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String messageId(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    static String decode(String value) {
        if (value == null) {
            return null;
        }
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }

    private static Properties mimeProperties() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.address.strict", "false");
        return p;
    }
}
