package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Outbound mail ({@code OutboundView}, {@code OutboundList}) for people: delivery state and the relay's answer. */
final class OutboundPrinter {
    private OutboundPrinter() {}

    static void table(JsonNode messages, PrintWriter out) {
        Table table = new Table("id", "queued", "from", "to", "subject", "status", ">attempts", "answer");
        for (JsonNode m : messages) {
            table.row(
                    m.path("id").asText(),
                    Table.time(m.path("queuedAt").asText(null)),
                    MailText.line(m.path("from").asText(""), 40),
                    MailText.line(recipients(m), 40),
                    MailText.line(m.path("subject").asText(""), 40),
                    m.path("status").asText(),
                    m.path("attempts").asInt(),
                    MailText.line(m.path("answer").asText("-"), 60));
        }
        table.print(out);
    }

    static void detail(JsonNode m, PrintWriter out) {
        int attempts = m.path("attempts").asInt();
        out.println("outbound  " + m.path("id").asText() + " ("
                + m.path("status").asText() + ", " + attempts + (attempts == 1 ? " attempt)" : " attempts)"));
        out.println(
                "sent by   " + (m.hasNonNull("appId") ? "app " + m.path("appId").asText() : "an admin"));
        if (m.hasNonNull("messageId")) {
            out.println("id header <" + MailText.line(m.path("messageId").asText(), 200) + ">");
        }
        out.println("from      " + MailText.line(m.path("from").asText(""), 200));
        out.println("to        " + MailText.line(recipients(m), 1_000));
        out.println("subject   " + MailText.line(m.path("subject").asText(""), 500));
        out.println("size      " + Table.size(m.path("size").asLong()));
        out.println("queued    " + Table.time(m.path("queuedAt").asText(null)));
        if (m.hasNonNull("nextAttemptAt")) {
            out.println("next try  " + Table.time(m.path("nextAttemptAt").asText()));
        }
        if (m.hasNonNull("finishedAt")) {
            out.println("finished  " + Table.time(m.path("finishedAt").asText()));
        }
        if (m.hasNonNull("answer")) {
            out.println("relay     " + MailText.line(m.path("answer").asText(), 1_000));
        }
        out.flush();
    }

    private static String recipients(JsonNode m) {
        List<String> all = new ArrayList<>();
        m.path("recipients").forEach(r -> all.add(r.asText()));
        return String.join(", ", all);
    }
}
