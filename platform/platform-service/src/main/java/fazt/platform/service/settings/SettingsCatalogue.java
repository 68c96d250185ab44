package fazt.platform.service.settings;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of a build, each once, with who reads it: the source of the README's settings table and of
 * {@code fazt-server settings}. A setting listed by several services (the function timeout) is one entry; two
 * different declarations under one name are a mistake this refuses.
 */
public final class SettingsCatalogue {
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, Set<String>> readers = new LinkedHashMap<>();

    /** Adds {@code list}, read by {@code reader} (a service id) besides whoever each setting names itself. */
    public SettingsCatalogue add(List<Setting> list, @Nullable String reader) {
        for (Setting s : list) {
            Setting known = settings.putIfAbsent(s.name(), s);
            if (known != null && !sameDeclaration(known, s)) {
                throw new IllegalStateException(s.name() + " is declared twice, differently");
            }
            Set<String> who = readers.computeIfAbsent(s.name(), n -> new LinkedHashSet<>());
            who.addAll(s.readers());
            if (reader != null) {
                who.add(reader);
            }
        }
        return this;
    }

    /** The settings, in the order they were added. */
    public List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    /** Who reads {@code setting}. */
    public List<String> readers(Setting setting) {
        return List.copyOf(readers.getOrDefault(setting.name(), Set.of()));
    }

    /** The settings table of the README: one row per setting, generated, never edited by hand. */
    public String markdownTable() {
        List<String> lines = new ArrayList<>();
        lines.add("| variable | default | meaning | read by |");
        lines.add("|---|---|---|---|");
        for (Setting s : settings.values()) {
            String meaning = s.description()
                    + (s.type().numeric() ? "; " + s.expected() : "")
                    + (s.formerNames().isEmpty()
                            ? ""
                            : "; formerly "
                                    + String.join(
                                            ", ",
                                            s.formerNames().stream()
                                                    .map(n -> "`" + n + "`")
                                                    .toList()));
            lines.add("| `" + s.name() + "` | " + cell(defaultCell(s)) + " | " + cell(meaning) + " | "
                    + cell(String.join(", ", readers(s))) + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    private static String defaultCell(Setting s) {
        if (s.defaultText() != null) {
            return s.defaultText();
        }
        if (s.defaultValue() == null) {
            return "unset";
        }
        return s.defaultValue().isEmpty() ? "empty" : "`" + s.defaultValue() + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** Equal but for the property each reading service maps the setting to. */
    private static boolean sameDeclaration(Setting a, Setting b) {
        return a.type() == b.type()
                && Objects.equals(a.defaultValue(), b.defaultValue())
                && Objects.equals(a.defaultText(), b.defaultText())
                && a.description().equals(b.description())
                && Objects.equals(a.min(), b.min())
                && Objects.equals(a.max(), b.max())
                && a.formerNames().equals(b.formerNames());
    }
}
