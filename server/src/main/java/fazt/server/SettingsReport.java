package fazt.server;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingValue;
import fazt.platform.service.settings.SettingsCatalogue;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code fazt-server settings}: every setting the services of {@code FAZT_TARGETS} and the launcher read, with its
 * effective value and where it came from ({@code default}, {@code env}, or the other name it was read under).
 * Secrets show as {@value Setting#MASK}, passwords are cut out of URLs. Checks everything and exits non-zero when a
 * value is wrong, so it doubles as a dry run of the start-up checks. {@code --markdown} prints the README's table.
 */
final class SettingsReport {
    private SettingsReport() {}

    /** Prints the report to {@code out}; returns the exit status (0, or {@link FaztServer#EXIT_SETTINGS}). */
    static int print(
            Map<String, String> env,
            Map<ServiceName, ServiceDefinition> definitions,
            PrintStream out,
            boolean markdown) {
        SettingsCatalogue catalogue = ServerSettings.catalogue(definitions);
        if (markdown) {
            out.print(catalogue.markdownTable());
            return 0;
        }
        List<ServiceName> targets;
        try {
            @SuppressWarnings("unchecked")
            List<ServiceName> chosen =
                    (List<ServiceName>) ServerSettings.TARGETS.read(env, null).value();
            targets = chosen;
        } catch (SettingsException e) {
            targets = List.of(ServiceName.values());
        }
        Set<String> ids = targets.stream().map(ServiceName::id).collect(Collectors.toSet());
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (Setting setting : catalogue.settings()) {
            List<String> readers = catalogue.readers(setting);
            boolean serviceOnly =
                    readers.stream().allMatch(r -> ServiceName.fromId(r).isPresent());
            if (serviceOnly && readers.stream().noneMatch(ids::contains)) {
                continue;
            }
            rows.put(setting.name(), row(setting, env, null, warnings));
            if (setting.perService()) {
                for (ServiceName service : targets) {
                    String own = env.get(setting.nameFor(service));
                    if (own != null && !own.isBlank()) {
                        rows.put(setting.nameFor(service), row(setting, env, service, warnings));
                    }
                }
            }
        }
        boolean invalid =
                requiredPairs(catalogue, env, rows) | rows.values().stream().anyMatch(r -> r.problem != null);
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row r = e.getValue();
            out.println(pad(e.getKey(), width) + "  "
                    + (r.problem != null ? "invalid: " + r.problem : pad(r.value, 40) + "  " + r.source));
        }
        warnings.stream().distinct().forEach(w -> out.println("warning: " + w));
        return invalid ? FaztServer.EXIT_SETTINGS : 0;
    }

    private static Row row(Setting setting, Map<String, String> env, ServiceName service, List<String> warnings) {
        try {
            SettingValue value = setting.read(env, service);
            if (value.warning() != null) {
                warnings.add(value.warning());
            }
            return new Row(value.shown(), value.source(), null);
        } catch (SettingsException e) {
            return new Row(null, null, e.getMessage().substring(e.variable().length() + 2));
        }
    }

    /** Marks a setting set without the one it requires ({@code FAZT_ADMIN_USER} without its password). */
    private static boolean requiredPairs(SettingsCatalogue catalogue, Map<String, String> env, Map<String, Row> rows) {
        boolean invalid = false;
        for (Setting setting : catalogue.settings()) {
            Row row = rows.get(setting.name());
            if (row == null || row.problem != null || setting.requires() == null || !"env".equals(row.source)) {
                continue;
            }
            String other = env.get(setting.requires());
            if (other == null || other.isBlank()) {
                rows.put(setting.name(), new Row(null, null, "is set but " + setting.requires() + " is not; set both"));
                invalid = true;
            }
        }
        return invalid;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private record Row(String value, String source, String problem) {}
}
