package fazt.platform.service;

import fazt.proto.ServiceName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Micronaut properties every service context gets, derived from its bootstrap settings. These replace an
 * {@code application.yml}: in one JVM the services share a classpath, so per-service configuration files would
 * collide; each context receives its own map instead.
 */
final class ServiceProperties {
    /** Connections per service pool: handlers are short and mostly waiting on NATS, not on PostgreSQL. */
    static final int POOL_SIZE = 4;

    private ServiceProperties() {}

    static Map<String, Object> of(ServiceName name, BootstrapSettings settings) {
        String schema = name.id();
        Map<String, Object> p = new HashMap<>();
        p.put(ServiceContext.SERVICE_PROPERTY, name.id());
        p.put("micronaut.application.name", "fazt-" + name.id());
        // Management port: /health and /metrics only. -1 asks Micronaut for any free port.
        int port = settings.managementPortOf(name);
        p.put("micronaut.server.port", port == 0 ? -1 : port);
        p.put("micronaut.server.host", settings.managementHost());
        p.put("micronaut.server.netty.parent.threads", 1);
        p.put("micronaut.server.netty.worker.threads", 1);
        p.put("micronaut.netty.event-loops.default.num-threads", 1);
        // Database: this service's schema only.
        p.put("datasources.default.url", settings.dbUrl());
        p.put("datasources.default.username", settings.dbUser());
        p.put("datasources.default.password", settings.dbPassword());
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        p.put("datasources.default.schema", schema);
        p.put("datasources.default.pool-name", name.id() + "-db");
        p.put("datasources.default.maximum-pool-size", POOL_SIZE);
        p.put("datasources.default.minimum-idle", 1);
        p.put("datasources.default.connection-timeout", 5000);
        p.put("datasources.default.validation-timeout", 2000);
        p.put("flyway.datasources.default.enabled", true);
        // Platform scripts (V0_x) first, then the service's own (V1…), each in the service's schema. A service
        // without scripts of its own yet gets only the platform's, so Flyway has no missing location to warn about.
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration/platform"));
        if (ServiceProperties.class.getClassLoader().getResource("db/migration/" + schema) != null) {
            locations.add("classpath:db/migration/" + schema);
        }
        p.put("flyway.datasources.default.locations", locations);
        p.put("flyway.datasources.default.schemas", List.of(schema));
        p.put("flyway.datasources.default.default-schema", schema);
        p.put("flyway.datasources.default.create-schemas", true);
        // Metrics in Prometheus format, served by our own /metrics (no other management endpoint).
        p.put("micronaut.metrics.enabled", true);
        p.put("micronaut.metrics.export.prometheus.enabled", true);
        p.put("micronaut.metrics.export.prometheus.descriptions", true);
        p.put("endpoints.all.enabled", false);
        return p;
    }
}
