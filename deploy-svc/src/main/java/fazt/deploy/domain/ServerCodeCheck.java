package fazt.deploy.domain;

/**
 * Port: asks a runtime whether a committed, not yet live version's server code ({@code api/main.js}) loads: it
 * parses, and its top-level evaluation finishes in a short time without throwing. Returns normally when it does;
 * throws {@link DeployException.ServerCodeInvalid} when it does not, {@link DeployException.RuntimeUnavailable}
 * when no runtime answered.
 */
public interface ServerCodeCheck {
    /** The entry file of an app's server code, relative to the bundle root. */
    String ENTRY = "api/main.js";

    void check(AppId app, String name, int version, String namespace);
}
