package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A mail domain's DNS records ({@code DnsRecords}) as a table and as RFC 1035 zone-file lines to paste: names
 * fully qualified, TXT values quoted and cut into strings of at most 255 characters (a DKIM key is longer).
 */
final class ZoneFile {
    static final int TTL = 3600;
    private static final int MAX_STRING = 255;

    private ZoneFile() {}

    static void print(JsonNode dns, PrintWriter out) {
        JsonNode records = dns.path("records");
        Table table = new Table("type", "name", "value", "purpose");
        for (JsonNode r : records) {
            table.row(
                    r.path("type").asText(),
                    r.path("name").asText(),
                    MailText.line(r.path("value").asText(), 60),
                    r.path("purpose").asText(""));
        }
        table.print(out);
        out.println();
        out.println("; zone-file lines for " + dns.path("domain").asText() + " (DKIM selector "
                + dns.path("selector").asText() + ")");
        for (JsonNode r : records) {
            out.println(line(
                    r.path("type").asText(),
                    r.path("name").asText(),
                    r.path("value").asText()));
        }
        out.flush();
    }

    /** One record: {@code name. TTL IN TYPE value}, a TXT value as quoted strings. */
    static String line(String type, String name, String value) {
        String fqdn = name.endsWith(".") ? name : name + ".";
        String data = type.toUpperCase(Locale.ROOT).equals("TXT") ? quoted(value) : value;
        return fqdn + "\t" + TTL + "\tIN\t" + type.toUpperCase(Locale.ROOT) + "\t" + data;
    }

    private static String quoted(String value) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < value.length(); i += MAX_STRING) {
            String part = value.substring(i, Math.min(value.length(), i + MAX_STRING));
            strings.add("\"" + part.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return strings.isEmpty() ? "\"\"" : String.join(" ", strings);
    }
}
