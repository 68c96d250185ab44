package fazt.mail.outbound;

import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks of a message to send, before anything is composed or stored (400 {@code mail/invalid-message} naming
 * the field): recipients' syntax and count (1 to {@value #MAX_RECIPIENTS} in all), no CR or LF in any header value
 * (header injection), custom headers only {@code X-*} and {@code List-*}, attachments named and typed sanely, and a
 * rough size bound before composing (the composed size is checked again exactly).
 */
final class SendChecks {
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_HEADERS = 50;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_HEADER_VALUE = 998;

    private SendChecks() {}

    /** The envelope recipients (to, cc, bcc) as bare addresses, after checking the whole message. */
    static List<String> check(SendBody body, long maxBytes) {
        if (body == null) {
            throw new OutboundException.InvalidMessage("message", "The request needs a message.");
        }
        List<String> recipients = recipients(body);
        if (body.forwardOf() != null) {
            if (body.subject() != null
                    || body.text() != null
                    || body.html() != null
                    || body.replyTo() != null
                    || body.inReplyTo() != null
                    || (body.attachments() != null && !body.attachments().isEmpty())
                    || (body.headers() != null && !body.headers().isEmpty())) {
                throw new OutboundException.InvalidMessage(
                        "forwardOf", "A forward sends the message unchanged: only from and the recipients may be set.");
            }
            return recipients;
        }
        if (body.subject() != null) {
            headerValue("subject", body.subject());
        }
        if (body.replyTo() != null) {
            Addresses.parse("replyTo", body.replyTo());
        }
        checkHeaders(body.headers());
        long size = checkAttachments(body.attachments());
        if (body.text() == null && body.html() == null && size == 0) {
            throw new OutboundException.InvalidMessage("text", "The message needs text, html or an attachment.");
        }
        size += length(body.text()) + length(body.html());
        if (size > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return recipients;
    }

    static OutboundException.InvalidMessage tooLarge(long maxBytes) {
        return new OutboundException.InvalidMessage(
                "message", "The message is larger than " + (maxBytes >> 20) + " MB with its attachments.");
    }

    private static List<String> recipients(SendBody body) {
        List<String> all = new ArrayList<>();
        int count = size(body.to()) + size(body.cc()) + size(body.bcc());
        if (count == 0) {
            throw new OutboundException.InvalidMessage("to", "The message needs at least one recipient.");
        }
        if (count > MAX_RECIPIENTS) {
            throw new OutboundException.InvalidMessage(
                    "to", "A message has at most " + MAX_RECIPIENTS + " recipients in to, cc and bcc together.");
        }
        add(all, "to", body.to());
        add(all, "cc", body.cc());
        add(all, "bcc", body.bcc());
        return all.stream().distinct().toList();
    }

    private static void add(List<String> all, String field, List<String> list) {
        if (list == null) {
            return;
        }
        for (String text : list) {
            InternetAddress address = Addresses.parse(field, text);
            all.add(address.getAddress());
        }
    }

    private static void checkHeaders(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > MAX_HEADERS) {
            throw new OutboundException.InvalidMessage("headers", "At most " + MAX_HEADERS + " custom headers.");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() == null
                    || !MessageComposer.CUSTOM_HEADER.matcher(h.getKey()).matches()) {
                throw new OutboundException.InvalidMessage(
                        "headers", "Custom headers are X-* or List-* only, got " + h.getKey() + ".");
            }
            if (h.getValue() == null) {
                throw new OutboundException.InvalidMessage("headers", h.getKey() + " needs a value.");
            }
            headerValue("headers", h.getValue());
        }
    }

    private static long checkAttachments(List<OutgoingAttachment> attachments) {
        if (attachments == null) {
            return 0;
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new OutboundException.InvalidMessage("attachments", "At most " + MAX_ATTACHMENTS + " attachments.");
        }
        long size = 0;
        for (OutgoingAttachment a : attachments) {
            if (a == null || a.content() == null) {
                throw new OutboundException.InvalidMessage("attachments", "Every attachment needs content.");
            }
            if (a.filename() != null) {
                headerValue("attachments", a.filename());
                if (a.filename().length() > 255
                        || a.filename().contains("/")
                        || a.filename().contains("\\")) {
                    throw new OutboundException.InvalidMessage(
                            "attachments", "An attachment's filename is a name of at most 255 characters.");
                }
            }
            if (a.contentType() != null) {
                headerValue("attachments", a.contentType());
                try {
                    new ContentType(a.contentType());
                } catch (ParseException e) {
                    throw new OutboundException.InvalidMessage(
                            "attachments", "Not a content type: " + a.contentType() + ".");
                }
            }
            if (a.contentId() != null && !a.contentId().matches("[A-Za-z0-9._@$%+=-]{1,200}")) {
                throw new OutboundException.InvalidMessage(
                        "attachments", "A contentId is letters, digits and ._@$%+=- only.");
            }
            // base64 grows by a third
            size += a.content().length * 4L / 3;
        }
        return size;
    }

    /** A header value: no CR, LF or NUL (that would start a header of the sender's own), at most 998 characters. */
    static void headerValue(String field, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new OutboundException.InvalidMessage(field, field + " must not contain line breaks.");
        }
        if (value.length() > MAX_HEADER_VALUE) {
            throw new OutboundException.InvalidMessage(
                    field, field + " is longer than " + MAX_HEADER_VALUE + " characters.");
        }
    }

    private static int size(List<String> list) {
        return list == null ? 0 : list.size();
    }

    private static long length(String s) {
        return s == null ? 0 : s.length();
    }
}
