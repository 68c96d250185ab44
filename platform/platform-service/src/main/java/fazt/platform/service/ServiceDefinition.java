package fazt.platform.service;

import fazt.proto.ServiceName;
import java.util.Map;

/**
 * What a service module contributes to a fazt process, found with {@link java.util.ServiceLoader}. Its beans live in
 * the package {@code fazt.<id>}, whose {@code package-info.java} carries
 * {@code @Configuration @Requires(property = ServiceContext.SERVICE_PROPERTY, value = "<id>")}: that is what keeps
 * one service's beans out of another's context when several share a JVM.
 */
public interface ServiceDefinition {
    ServiceName name();

    /**
     * Extra Micronaut properties for this service's context, derived from the bootstrap settings and from the few
     * service-specific environment variables the service documents (it must check them and throw
     * {@link SettingsException} naming the variable when one is wrong).
     */
    default Map<String, Object> properties(BootstrapSettings settings, Map<String, String> env) {
        return Map.of();
    }
}
