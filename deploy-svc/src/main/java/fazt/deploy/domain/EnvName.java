package fazt.deploy.domain;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of an app's env var: an upper-case identifier ({@code [A-Z_][A-Z0-9_]{0,127}}) that is not a binding the
 * platform puts in {@code env} itself ({@code KV}, {@code DB}, {@code FILES}, {@code MAIL}, {@code REALTIME}) and
 * does not start with {@code FAZT_} (kept for the platform). Validates itself.
 */
public record EnvName(String value) {
    private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    private static final Set<String> BINDINGS = Set.of("KV", "DB", "FILES", "MAIL", "REALTIME");

    public EnvName {
        String problem = problem(value);
        if (problem != null) {
            throw new DeployException.EnvRejected("key", problem);
        }
    }

    /** Why {@code name} cannot be an env var name, or null when it can. Never echoes more than 64 characters. */
    public static String problem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown =
                    name == null ? "(none)" : "\"" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "\"";
            return shown
                    + " is not a valid name: use A-Z, 0-9 and _, not starting with a digit, at most 128 characters";
        }
        if (BINDINGS.contains(name)) {
            return "\"" + name + "\" is reserved: env." + name + " is a binding fazt provides";
        }
        if (name.startsWith("FAZT_")) {
            return "\"" + name + "\" is reserved: names starting with FAZT_ belong to the platform";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
