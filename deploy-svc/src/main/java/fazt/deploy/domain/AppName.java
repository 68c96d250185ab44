package fazt.deploy.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An app's subdomain alias: one DNS label, lower-case letters, digits and inner hyphens, at most 63 characters.
 * {@code admin} is reserved for the admin host. Validates itself, so holding one means it is valid.
 */
public record AppName(String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> RESERVED = Set.of("admin", "www", "_fazt");

    public AppName {
        if (value == null || !LABEL.matcher(value).matches()) {
            throw new DeployException.InvalidAppName(
                    String.valueOf(value),
                    "use 1-63 lower-case letters, digits and inner hyphens (it becomes <name>.<domain>)");
        }
        if (RESERVED.contains(value)) {
            throw new DeployException.InvalidAppName(value, "\"" + value + "\" is reserved by fazt");
        }
    }

    /** Parses user input, lower-casing it first. */
    public static AppName parse(String raw) {
        return new AppName(raw == null ? null : raw.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
