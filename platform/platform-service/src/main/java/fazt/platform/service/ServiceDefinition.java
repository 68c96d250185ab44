package fazt.platform.service;

import fazt.platform.service.settings.Setting;
import fazt.proto.ServiceName;
import java.util.List;

/**
 * What a service module contributes to a fazt process, found with {@link java.util.ServiceLoader}. Its beans live in
 * the package {@code fazt.<id>}, whose {@code package-info.java} carries
 * {@code @Configuration @Requires(property = ServiceContext.SERVICE_PROPERTY, value = "<id>")}: that is what keeps
 * one service's beans out of another's context when several share a JVM.
 */
public interface ServiceDefinition {
    ServiceName name();

    /**
     * The settings this service reads besides the bootstrap ones, declared once (ADR 23): each is read from the
     * environment, checked, and passed to the service's context as the Micronaut property it maps to.
     */
    default List<Setting> settings() {
        return List.of();
    }
}
