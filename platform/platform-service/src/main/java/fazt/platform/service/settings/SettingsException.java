package fazt.platform.service.settings;

/**
 * A bootstrap setting that is missing or wrong. Its message is the one line a starting service prints before it
 * stops: the variable's name, what is expected, and what was found (never a secret's value).
 */
public final class SettingsException extends RuntimeException {
    private final String variable;

    public SettingsException(String variable, String reason) {
        super(variable + ": " + reason, null, false, false);
        this.variable = variable;
    }

    /** The environment variable at fault. */
    public String variable() {
        return variable;
    }
}
