package fazt.deploy.domain;

/**
 * Every failure deploy-svc expects, each with a user-safe message (it may name the offending entry or field, never
 * a cause). {@code api.ProblemMapper} maps each to a problem type; a new case does not compile until it is mapped.
 */
public abstract sealed class DeployException extends RuntimeException {
    private final String field;

    DeployException(String message, String field) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The offending input field or bundle entry, if any. */
    public String field() {
        return field;
    }

    public static final class AppNotFound extends DeployException {
        public AppNotFound(String name) {
            super("No app is called \"" + name + "\".", "name");
        }
    }

    public static final class AppNameTaken extends DeployException {
        public AppNameTaken(String name) {
            super("The name \"" + name + "\" is already used by another app.", "name");
        }
    }

    public static final class InvalidAppName extends DeployException {
        public InvalidAppName(String name, String reason) {
            super("\"" + name + "\" cannot be an app name: " + reason + ".", "name");
        }
    }

    public static final class BundleRejected extends DeployException {
        public BundleRejected(String entry, String reason) {
            super(entry == null ? reason : entry + ": " + reason, entry);
        }
    }

    public static final class ManifestRejected extends DeployException {
        public ManifestRejected(String field, String reason) {
            super("fazt.json: " + (field == null ? "" : field + ": ") + reason, field);
        }
    }

    public static final class VersionNotFound extends DeployException {
        public VersionNotFound(String name, int version) {
            super("App \"" + name + "\" has no version " + version + " (see its versions).", "version");
        }
    }

    public static final class FileNotFound extends DeployException {
        public FileNotFound(String name, String path) {
            super("The live version of \"" + name + "\" has no file " + path + ".", "path");
        }
    }

    public static final class InvalidRequest extends DeployException {
        public InvalidRequest(String field, String reason) {
            super(reason, field);
        }
    }

    public static final class NotAllowed extends DeployException {
        public NotAllowed(String scope) {
            super("This token lacks the scope " + scope + ".", null);
        }
    }

    public static final class StorageFailed extends DeployException {
        public StorageFailed(String what) {
            super("Storage did not complete the " + what + "; nothing was changed. Try again.", null);
        }
    }

    /** An env var name or value that cannot be stored; {@code field} is {@code key} or {@code value}. */
    public static final class EnvRejected extends DeployException {
        public EnvRejected(String field, String reason) {
            super(reason, field);
        }
    }

    public static final class EnvVarNotFound extends DeployException {
        public EnvVarNotFound(String app, String key) {
            super("App \"" + app + "\" has no env var " + key + ".", "key");
        }
    }

    /** The bundle's server code does not load: where ({@code file}, 1-based {@code line}, {@code column}; 0 unknown) and why. */
    public static final class ServerCodeInvalid extends DeployException {
        private final String file;
        private final int line;
        private final int column;

        public ServerCodeInvalid(String file, int line, int column, String message) {
            super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message, null);
            this.file = file;
            this.line = line;
            this.column = column;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public static final class RuntimeUnavailable extends DeployException {
        public RuntimeUnavailable(String why) {
            super(
                    "The bundle has server code (api/main.js), which a runtime must check before it goes live, but "
                            + why + "; nothing was changed. Start runtime-svc and deploy again.",
                    null);
        }
    }

    /** A name that cannot be mapped as a custom domain; {@code field} is {@code domain}. */
    public static final class InvalidDomain extends DeployException {
        public InvalidDomain(String domain, String reason) {
            super("\"" + domain + "\" cannot be mapped: " + reason + ".", "domain");
        }
    }

    /** The domain is mapped to another app. */
    public static final class DomainTaken extends DeployException {
        private final String app;

        public DomainTaken(String domain, String app) {
            super(domain + " is already mapped to the app \"" + app + "\"; remove it there first.", "domain");
            this.app = app;
        }

        /** The app that holds the domain. */
        public String app() {
            return app;
        }
    }

    public static final class DomainNotFound extends DeployException {
        public DomainNotFound(String app, String domain) {
            super("App \"" + app + "\" has no custom domain " + domain + ".", "domain");
        }
    }

    /** The app already has as many custom domains as allowed. */
    public static final class DomainLimit extends DeployException {
        public DomainLimit(int max) {
            super("An app may have at most " + max + " custom domains; remove one first.", "domain");
        }
    }
}
