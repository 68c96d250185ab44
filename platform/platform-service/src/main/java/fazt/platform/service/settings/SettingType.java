package fazt.platform.service.settings;

/**
 * The kinds of value a {@link Setting} holds, each with the one way its text is read from the environment and shown
 * back: numbers are whole numbers (a {@code Long}), sizes are given in megabytes, lists are comma-separated, and a
 * secret is never shown.
 */
public enum SettingType {
    /** A duration in whole milliseconds; the value is a {@code Long} of milliseconds. */
    MILLIS("milliseconds"),
    /** A whole number (a count, a port, seconds or days as the description says); the value is a {@code Long}. */
    NUMBER("a whole number"),
    /** A size in whole megabytes; the value is a {@code Long} of megabytes, its property gets bytes. */
    MEGABYTES("megabytes"),
    /** {@code true} or {@code false}; the value is a {@code Boolean}. */
    BOOL("true or false"),
    /** Free text; the value is the {@code String} with surrounding blanks removed. */
    STRING("text"),
    /** A URL that may carry a password: shown with the password removed. */
    URL("a URL"),
    /** Comma-separated items; the value is a {@code List<String>} without blank items. */
    LIST("a comma-separated list"),
    /** A password, token or key: read as it is given and shown only as {@value Setting#MASK}. */
    SECRET("a secret");

    private final String expected;

    SettingType(String expected) {
        this.expected = expected;
    }

    /** What a value of this type looks like, for error messages: {@code milliseconds}, {@code true or false}. */
    public String expected() {
        return expected;
    }

    boolean numeric() {
        return this == MILLIS || this == NUMBER || this == MEGABYTES;
    }
}
