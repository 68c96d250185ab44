package fazt.platform.test.standins;

import fazt.proto.mail.MailHeader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The raw bytes of a message the {@link MailStandIn} receives: its headers, then a {@code multipart/mixed} of the
 * text, the html and base64 attachments, CRLF line ends. Enough for tests that read {@code message.raw}; never parsed
 * back (the stand-in keeps the parts it was given).
 */
final class MimeText {
    private MimeText() {}

    static byte[] compose(
            List<MailHeader> headers, String text, String html, List<MailStandIn.Attachment> attachments) {
        String boundary = "standin-" + Integer.toHexString(headers.hashCode());
        StringBuilder out = new StringBuilder();
        for (MailHeader h : headers) {
            out.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        out.append("MIME-Version: 1.0\r\n");
        out.append("Content-Type: multipart/mixed; boundary=\"")
                .append(boundary)
                .append("\"\r\n\r\n");
        if (text != null) {
            part(out, boundary, "text/plain; charset=utf-8", null, "8bit", text);
        }
        if (html != null) {
            part(out, boundary, "text/html; charset=utf-8", null, "8bit", html);
        }
        Base64.Encoder mime = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));
        for (MailStandIn.Attachment a : attachments) {
            String disposition = a.contentId() != null ? "inline" : "attachment";
            part(
                    out,
                    boundary,
                    a.contentType(),
                    disposition
                            + (a.filename() == null ? "" : "; filename=\"" + a.filename() + "\"")
                            + (a.contentId() == null ? "" : "\r\nContent-ID: <" + a.contentId() + ">"),
                    "base64",
                    mime.encodeToString(a.content()));
        }
        out.append("--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void part(
            StringBuilder out, String boundary, String type, String disposition, String encoding, String body) {
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: ").append(type).append("\r\n");
        if (disposition != null) {
            out.append("Content-Disposition: ").append(disposition).append("\r\n");
        }
        out.append("Content-Transfer-Encoding: ").append(encoding).append("\r\n\r\n");
        out.append(body.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n");
    }
}
