package fazt.platform.service;

import fazt.proto.ServiceName;

/**
 * Fixed offsets of each service's management port from {@code FAZT_MANAGEMENT_PORT} (default 9100), so that
 * every service of a stack, split or in one JVM, has a known port: gateway 9100, auth 9101, … mail 9106.
 */
public final class ManagementPorts {
    /** The largest offset in use. */
    public static final int MAX_OFFSET = ServiceName.values().length - 1;

    private ManagementPorts() {}

    /** The service's offset: its position in {@link ServiceName}. */
    public static int offset(ServiceName service) {
        return service.ordinal();
    }
}
