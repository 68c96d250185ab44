package fazt.e2e;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the services' {@code /metrics} pages hold, merged over several scrapes (Prometheus text format 0.0.4): the
 * sample names (what PromQL can select) and, per family of a {@code # TYPE} line, its type, help, label names and the
 * services that export it.
 */
final class Exposition {
    /** Labels every fazt metric carries (MetricTags), listed once in docs/metrics.md instead of on every row. */
    static final Set<String> COMMON_LABELS = Set.of("service", "instance");

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

    record Family(String name, String type, String help, Set<String> labels, Set<String> services) {}

    final Set<String> sampleNames = new TreeSet<>();
    final Map<String, Family> families = new TreeMap<>();

    void add(String service, String page) {
        String help = null;
        String family = null;
        for (String line : page.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help = parts.length > 1 ? parts[1].strip() : "";
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                family = parts[0];
                String type = parts[1];
                String text = help == null ? "" : help;
                families.computeIfAbsent(family, n -> new Family(n, type, text, new TreeSet<>(), new TreeSet<>()))
                        .services()
                        .add(service);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("not a sample line of " + service + ": " + line);
                }
                sampleNames.add(m.group(1));
                Family of = family == null ? null : families.get(family);
                if (of != null && m.group(3) != null) {
                    Matcher label = LABEL.matcher(m.group(3));
                    while (label.find()) {
                        String name = label.group(1);
                        if (!COMMON_LABELS.contains(name) && !name.equals("le") && !name.equals("quantile")) {
                            of.labels().add(name);
                        }
                    }
                }
            }
        }
    }
}
