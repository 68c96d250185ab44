package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.StringJoiner;

/** A received message ({@code MessageDetail}) for people: who, what, how it authenticated, its text, attachments. */
final class MessageDetailPrinter {
    private MessageDetailPrinter() {}

    static void print(JsonNode detail, PrintWriter out) {
        JsonNode s = detail.path("summary");
        StringJoiner state = new StringJoiner(", ", " (", ")");
        state.add(s.path("status").asText());
        if (!s.path("read").asBoolean(true)) {
            state.add("unread");
        }
        if (s.path("spam").asBoolean(false)) {
            state.add("spam");
        }
        out.println("message   " + s.path("id").asText() + " in "
                + s.path("mailbox").asText() + state);
        out.println("from      " + MailText.line(s.path("from").asText(""), 200) + " (envelope "
                + MailText.line(s.path("mailFrom").asText(""), 200) + ")");
        out.println("to        " + MailText.line(s.path("to").asText(""), 200));
        out.println("subject   " + MailText.line(s.path("subject").asText(""), 500));
        out.println("received  " + Table.time(s.path("receivedAt").asText(null)) + ", "
                + Table.size(s.path("rawSize").asLong()));
        if (detail.hasNonNull("messageIdHeader")) {
            out.println(
                    "id header <" + MailText.line(detail.path("messageIdHeader").asText(), 200) + ">");
        }
        JsonNode auth = detail.path("auth");
        if (auth.isObject()) {
            out.println("auth      spf " + auth.path("spf").asText("none") + ", dkim "
                    + auth.path("dkim").asText("none")
                    + (auth.hasNonNull("dkimDomain")
                            ? " (" + auth.path("dkimDomain").asText() + ")"
                            : "")
                    + ", dmarc " + auth.path("dmarc").asText("none")
                    + (auth.hasNonNull("dmarcPolicy")
                            ? " (policy " + auth.path("dmarcPolicy").asText() + ")"
                            : ""));
        }
        if (detail.hasNonNull("reason")) {
            out.println("reason    " + MailText.line(detail.path("reason").asText(), 500));
        }
        JsonNode attachments = detail.path("attachments");
        if (!attachments.isEmpty()) {
            out.println(
                    "attachments (save one with: fazt mail show " + s.path("id").asText() + " --attachment N -o FILE)");
            Table table = new Table(">n", "name", "type", ">size");
            for (JsonNode a : attachments) {
                table.row(
                        a.path("index").asInt(),
                        MailText.line(a.path("filename").asText("-"), 80),
                        MailText.line(a.path("contentType").asText(""), 60),
                        Table.size(a.path("size").asLong()));
            }
            table.print(out);
        }
        out.println();
        if (detail.hasNonNull("text")) {
            out.println(MailText.body(detail.path("text").asText()).stripTrailing());
        } else if (detail.hasNonNull("html")) {
            out.println("(HTML only, " + Table.size(detail.path("html").asText().length())
                    + "; see it with: fazt mail show " + s.path("id").asText() + " --raw)");
        } else {
            out.println("(no text)");
        }
        out.flush();
    }
}
