package fazt.platform.service;

import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;

/** A service that could not start; {@link #getMessage()} is one line naming it and the innermost cause. */
public final class ServiceStartException extends RuntimeException {
    private final ServiceName service;

    public ServiceStartException(ServiceName service, Throwable cause) {
        super(service.id() + " failed to start: " + innermost(cause), cause);
        this.service = service;
    }

    public ServiceName service() {
        return service;
    }

    /**
     * A bad setting found while starting (it names its variable), else the deepest message in the chain: the one that
     * says what is wrong (refused connection, bad password…).
     */
    static String innermost(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof SettingsException) {
                return cause.getMessage();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        String line = message == null ? cause.getClass().getSimpleName() : message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
