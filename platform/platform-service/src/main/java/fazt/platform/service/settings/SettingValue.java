package fazt.platform.service.settings;

import io.micronaut.core.annotation.Nullable;

/**
 * A setting as read from the environment.
 *
 * @param setting  the declaration
 * @param value    the checked value; null when unset and without a default
 * @param raw      the text found in the environment, null when the default applies
 * @param variable the variable it was read from (the name, a per-service or a former name), null for the default
 * @param warning  a one-line deprecation warning when a former name was set, else null
 */
public record SettingValue(
        Setting setting,
        @Nullable Object value,
        @Nullable String raw,
        @Nullable String variable,
        @Nullable String warning) {
    /** Whether the value came from the environment rather than the default. */
    public boolean fromEnv() {
        return variable != null;
    }

    /** Where the value came from: {@code env}, {@code env RUNTIME_WALL_TIME_MS} (another name), or {@code default}. */
    public String source() {
        if (variable == null) {
            return "default";
        }
        return variable.equals(setting.name()) ? "env" : "env " + variable;
    }

    /** The value as it may be printed: secrets masked, passwords cut out of URLs, the default's own words. */
    public String shown() {
        if (raw == null) {
            if (setting.defaultValue() != null) {
                return setting.defaultValue();
            }
            return setting.defaultText() == null
                    ? "(unset)"
                    : "(" + setting.defaultText().replace("`", "") + ")";
        }
        return switch (setting.type()) {
            case SECRET -> Setting.MASK;
            case URL -> redact(raw.strip());
            default -> raw.strip();
        };
    }

    /** Drops passwords from URLs: {@code nats://u:p@h} and {@code ?password=…} query parameters. */
    static String redact(String url) {
        return url.replaceAll("//[^/@,]*@", "//***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
