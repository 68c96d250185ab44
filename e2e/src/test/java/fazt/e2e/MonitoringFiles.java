package fazt.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PromQL expressions of ops/: every panel query of ops/grafana/*.json (panels nested in rows too) and every
 * {@code expr} of ops/prometheus/alerts.yml (inline or a {@code |} block), each with where it was found.
 */
final class MonitoringFiles {
    static final Path OPS = Stack.REPO.resolve("ops");
    static final Path ALERTS = OPS.resolve("prometheus/alerts.yml");

    private MonitoringFiles() {}

    /** The dashboards, by file name. */
    static List<Path> dashboards() throws IOException {
        try (var files = Files.list(OPS.resolve("grafana"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every expression, keyed by where it is ({@code gateway.json: Requests by route}, {@code alerts.yml: FaztX}). */
    static Map<String, String> expressions() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (Path dashboard : dashboards()) {
            JsonNode root = MessageCodec.INSTANCE.mapper().readTree(dashboard.toFile());
            List<JsonNode> panels = new ArrayList<>();
            root.path("panels").forEach(panels::add);
            for (int i = 0; i < panels.size(); i++) {
                panels.get(i).path("panels").forEach(panels::add);
            }
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets")) {
                    found.put(
                            dashboard.getFileName() + ": " + panel.path("title").asText() + " #"
                                    + target.path("refId").asText(),
                            target.path("expr").asText());
                }
            }
            for (JsonNode variable : root.path("templating").path("list")) {
                String query = variable.path("definition").asText("");
                if (!query.isEmpty()) {
                    found.put(
                            dashboard.getFileName() + ": variable "
                                    + variable.path("name").asText(),
                            query.replaceAll("^label_values\\((.*),\\s*[a-z_]+\\)$", "$1"));
                }
            }
        }
        alertExpressions().forEach((alert, expr) -> found.put("alerts.yml: " + alert, expr));
        return found;
    }

    /** alert name → expr, read line by line (the file is ours and keeps one layout). */
    static Map<String, String> alertExpressions() throws IOException {
        Map<String, String> exprs = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(ALERTS);
        String alert = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("- alert:")) {
                alert = line.substring("- alert:".length()).strip();
            } else if (line.startsWith("expr:") && alert != null) {
                String value = line.substring("expr:".length()).strip();
                if (value.equals("|") || value.equals(">-") || value.equals("|-")) {
                    int indent = indent(lines.get(i));
                    StringBuilder block = new StringBuilder();
                    while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > indent)) {
                        block.append(lines.get(++i).strip()).append('\n');
                    }
                    value = block.toString().strip();
                }
                exprs.put(alert, value);
            }
        }
        return exprs;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
