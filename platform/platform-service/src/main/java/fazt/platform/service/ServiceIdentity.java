package fazt.platform.service;

import fazt.proto.ServiceName;
import java.time.Instant;

/** Who this context is: the service, the process instance, the build version and when it started. */
public record ServiceIdentity(ServiceName name, String instance, String version, Instant startedAt) {
    /** The version of the running build (from the jar manifest; {@code dev} when run from classes). */
    public static String buildVersion() {
        String version = ServiceIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "0.0.0-dev" : version;
    }
}
