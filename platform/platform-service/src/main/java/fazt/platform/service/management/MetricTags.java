package fazt.platform.service.management;

import fazt.platform.service.ServiceIdentity;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;

/** Tags every metric with the service and instance, so one Prometheus job can scrape a whole suite. */
@Factory
final class MetricTags {
    @Singleton
    MeterFilter serviceTags(ServiceIdentity identity) {
        return MeterFilter.commonTags(
                List.of(Tag.of("service", identity.name().id()), Tag.of("instance", identity.instance())));
    }
}
