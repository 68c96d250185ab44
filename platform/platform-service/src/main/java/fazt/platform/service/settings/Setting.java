package fazt.platform.service.settings;

import fazt.proto.ServiceName;
import io.micronaut.core.annotation.Nullable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One environment variable fazt reads, declared once: its name, type, default, allowed range or check, a one-line
 * description, and the Micronaut property it becomes. From these declarations come the parsing of the environment
 * (with a one-line {@link SettingsException} naming the variable), the settings table in the README and
 * {@code fazt-server settings}. Each service lists its settings in one class ({@code RuntimeSettings}, …); the
 * settings every service reads are in {@code PlatformSettings}.
 *
 * @param name         the variable, {@code FAZT_<AREA>_<WHAT>[_<UNIT>]} (ADR 23); {@code NATS_URL} keeps the name
 *                     the NATS tools use
 * @param type         how the text is read and shown
 * @param defaultValue the value when the variable is unset, as it would be written in the environment; null when
 *                     there is none (the service derives one, or the setting is optional)
 * @param defaultText  how the default reads in the docs when it is not a plain value ({@code half the heap …}); null
 *                     to show {@code defaultValue}
 * @param description  one line saying what the setting does, for the table and {@code fazt-server settings}
 * @param min          smallest allowed number (numeric types), else null
 * @param max          largest allowed number (numeric types), null for no upper bound
 * @param unit         what a number counts, in error messages ({@code days}); null for the type's own
 * @param parser       a check of its own for a non-numeric setting: takes the stripped text, returns the value, or
 *                     throws {@link IllegalArgumentException} whose message is the reason ({@code expected …, got …})
 * @param property     the Micronaut property of the reading service's context, or null
 * @param toProperty   turns the value into the property's value (a size's bytes by default)
 * @param formerNames  older names still read, with a deprecation warning, when the new one is unset
 * @param perService   whether {@code FAZT_<SERVICE>_<rest>} overrides it for one service ({@code FAZT_AUTH_DB_USER})
 * @param requires     another setting that must be set whenever this one is, or null
 * @param readers      who reads it besides the services that list it: {@code every service}, {@code bin/fazt-server}, …
 */
public record Setting(
        String name,
        SettingType type,
        @Nullable String defaultValue,
        @Nullable String defaultText,
        String description,
        @Nullable Long min,
        @Nullable Long max,
        @Nullable String unit,
        @Nullable Function<String, Object> parser,
        @Nullable String property,
        Function<Object, Object> toProperty,
        List<String> formerNames,
        boolean perService,
        @Nullable String requires,
        List<String> readers) {
    /** How a secret is shown. */
    public static final String MASK = "********";
    /** Turns a number of milliseconds into a Micronaut {@code Duration} property ({@code 5000ms}). */
    public static final Function<Object, Object> AS_DURATION = v -> v + "ms";
    /** Turns a number into an {@code Integer} property. */
    public static final Function<Object, Object> AS_INT = v -> ((Long) v).intValue();

    public Setting {
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("setting names are upper-case words joined by _, got " + name);
        }
        formerNames = List.copyOf(formerNames);
        readers = List.copyOf(readers);
    }

    /** A duration in milliseconds from {@code min} to {@code max} ({@code null}: no upper bound). */
    public static Setting millis(String name, long defaultMillis, long min, @Nullable Long max, String description) {
        return of(name, SettingType.MILLIS, Long.toString(defaultMillis), description)
                .range(min, max);
    }

    /** A whole number from {@code min} to {@code max} ({@code null}: no upper bound); {@code defaultValue} may be null. */
    public static Setting number(
            String name, @Nullable Long defaultValue, long min, @Nullable Long max, String description) {
        return of(name, SettingType.NUMBER, defaultValue == null ? null : defaultValue.toString(), description)
                .range(min, max);
    }

    /** A size in megabytes from {@code min} to {@code max} ({@code null}: no upper bound); its property gets bytes. */
    public static Setting megabytes(
            String name, long defaultMegabytes, long min, @Nullable Long max, String description) {
        return of(name, SettingType.MEGABYTES, Long.toString(defaultMegabytes), description)
                .range(min, max);
    }

    /** {@code true} or {@code false}. */
    public static Setting bool(String name, boolean defaultValue, String description) {
        return of(name, SettingType.BOOL, Boolean.toString(defaultValue), description);
    }

    /** Free text, a URL, a list or a secret: {@code type} says which. */
    public static Setting of(String name, SettingType type, @Nullable String defaultValue, String description) {
        Function<Object, Object> toProperty = type == SettingType.MEGABYTES ? v -> (Long) v << 20 : v -> v;
        return new Setting(
                name,
                type,
                defaultValue,
                null,
                description,
                null,
                null,
                null,
                null,
                null,
                toProperty,
                List.of(),
                false,
                null,
                List.of());
    }

    /** This setting with its allowed range. */
    public Setting range(long min, @Nullable Long max) {
        return with(d -> {
            d.min = min;
            d.max = max;
        });
    }

    /** This setting with what its numbers count, for error messages ({@code days}, {@code seconds}). */
    public Setting unit(String unit) {
        return with(d -> d.unit = unit);
    }

    /** This setting with the way its default reads in the docs. */
    public Setting defaultText(String text) {
        return with(d -> d.defaultText = text);
    }

    /** This setting checked and converted by {@code parser} (see {@link #parser()}). */
    public Setting parsedBy(Function<String, Object> parser) {
        return with(d -> d.parser = parser);
    }

    /** This setting passed to the reading service's context as {@code property}. */
    public Setting mapsTo(String property) {
        return with(d -> d.property = property);
    }

    /** This setting passed to the reading service's context as {@code property}, converted by {@code convert}. */
    public Setting mapsTo(String property, Function<Object, Object> convert) {
        return with(d -> {
            d.property = property;
            d.toProperty = convert;
        });
    }

    /** This setting also read under older names, which still work with a deprecation warning. */
    public Setting formerly(String... names) {
        return with(d -> d.formerNames = List.of(names));
    }

    /** This setting overridable per service as {@code FAZT_<SERVICE>_<name without FAZT_>}. */
    public Setting overridablePerService() {
        return with(d -> d.perService = true);
    }

    /** This setting, which needs {@code other} set whenever it is set. */
    public Setting requires(String other) {
        return with(d -> d.requires = other);
    }

    /** This setting read by {@code who} (a tool, or {@code every service}) besides the services that list it. */
    public Setting readBy(String... who) {
        return with(d ->
                d.readers = Stream.concat(readers.stream(), Arrays.stream(who)).toList());
    }

    /** A copy of this setting with {@code change} applied: the one place the withers above spell every component. */
    private Setting with(Consumer<Draft> change) {
        Draft d = new Draft();
        d.defaultText = defaultText;
        d.min = min;
        d.max = max;
        d.unit = unit;
        d.parser = parser;
        d.property = property;
        d.toProperty = toProperty;
        d.formerNames = formerNames;
        d.perService = perService;
        d.requires = requires;
        d.readers = readers;
        change.accept(d);
        return new Setting(
                name,
                type,
                defaultValue,
                d.defaultText,
                description,
                d.min,
                d.max,
                d.unit,
                d.parser,
                d.property,
                d.toProperty,
                d.formerNames,
                d.perService,
                d.requires,
                d.readers);
    }

    /** The components a wither may change, while it changes them. */
    private static final class Draft {
        String defaultText;
        Long min;
        Long max;
        String unit;
        Function<String, Object> parser;
        String property;
        Function<Object, Object> toProperty;
        List<String> formerNames;
        boolean perService;
        String requires;
        List<String> readers;
    }

    /** The per-service name of this setting for {@code service}: {@code FAZT_AUTH_DB_USER} for {@code FAZT_DB_USER}. */
    public String nameFor(ServiceName service) {
        return "FAZT_" + service.id().toUpperCase(Locale.ROOT) + "_" + name.substring(name.indexOf('_') + 1);
    }

    /**
     * Reads this setting from {@code env} for {@code service} (null when read outside a service): the per-service
     * name, then the name, then the former names; the first non-blank one wins, else the default. Throws
     * {@link SettingsException} naming the variable when the value is wrong.
     */
    public SettingValue read(Map<String, String> env, @Nullable ServiceName service) {
        List<String> candidates = Stream.concat(
                        perService && service != null ? Stream.of(nameFor(service), name) : Stream.of(name),
                        formerNames.stream())
                .toList();
        for (String variable : candidates) {
            String raw = env.get(variable);
            if (raw != null && !raw.isBlank()) {
                return new SettingValue(this, parse(variable, raw), raw, variable, warning(env, variable));
            }
        }
        return new SettingValue(this, defaultValue == null ? null : parse(name, defaultValue), null, null, null);
    }

    /** Checks {@code raw}, the text of {@code variable}, and returns its value. */
    Object parse(String variable, String raw) {
        String text = type == SettingType.SECRET ? raw : raw.strip();
        try {
            if (parser != null) {
                return parser.apply(text);
            }
            return switch (type) {
                case MILLIS, NUMBER, MEGABYTES -> number(text);
                case BOOL -> bool(text);
                case LIST ->
                    Arrays.stream(text.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .toList();
                case STRING, URL, SECRET -> text;
            };
        } catch (IllegalArgumentException e) {
            throw new SettingsException(variable, e.getMessage());
        }
    }

    /** What a valid value looks like: {@code milliseconds from 100 to 900000}. */
    public String expected() {
        String what = unit != null ? unit : type.expected();
        if (min == null) {
            return what;
        }
        return max == null ? what + " of at least " + min : what + " from " + min + " to " + max;
    }

    private long number(String text) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(mismatch(text));
        }
        if ((min != null && n < min) || (max != null && n > max)) {
            throw new IllegalArgumentException(mismatch(text));
        }
        return n;
    }

    private boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(mismatch(text));
        };
    }

    private String mismatch(String text) {
        return "expected " + expected() + ", got \"" + text + "\"";
    }

    private @Nullable String warning(Map<String, String> env, String used) {
        if (formerNames.contains(used)) {
            return used + " is deprecated; rename it " + name;
        }
        return formerNames.stream()
                .filter(old -> env.get(old) != null && !env.get(old).isBlank())
                .findFirst()
                .map(old -> old + " is deprecated and ignored: " + name + " is set")
                .orElse(null);
    }
}
