package fazt.platform.service;

import fazt.platform.service.memory.IdleHeapRelease;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One running fazt service: a Micronaut context of its own, with its own settings, database pool, NATS connection
 * and management port. Several may share a JVM ({@code FAZT_TARGETS=all}); they still talk only over NATS.
 */
public final class ServiceContext implements AutoCloseable {
    /** The property that selects a service's beans (see {@link ServiceDefinition}). */
    public static final String SERVICE_PROPERTY = "fazt.service";
    /** MDC key naming the service a log line belongs to (several share a JVM in {@code FAZT_TARGETS=all}). */
    public static final String MDC_SERVICE = "service";

    private static final Logger log = LoggerFactory.getLogger(ServiceContext.class);

    private final ServiceName name;
    private final ApplicationContext context;

    private ServiceContext(ServiceName name, ApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /**
     * Starts {@code definition} with the settings read from {@code env}. Throws {@link SettingsException} before
     * anything starts when a setting is wrong, and {@link ServiceStartException} when the service cannot start.
     */
    public static ServiceContext start(ServiceDefinition definition, Map<String, String> env) {
        ServiceName name = definition.name();
        BootstrapSettings settings = BootstrapSettings.from(env, name);
        Map<String, Object> properties = new HashMap<>(ServiceProperties.of(name, settings));
        properties.putAll(SettingValues.read(definition.settings(), env, name).properties());
        long started = System.nanoTime();
        MDC.put(MDC_SERVICE, name.id());
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .singletons(
                        settings,
                        new ServiceIdentity(name, settings.instance(), ServiceIdentity.buildVersion(), Instant.now()))
                // Bootstrap settings come only from the environment variables parsed above.
                .environmentPropertySource(false)
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .banner(false)
                .environments("fazt", name.id())
                .build();
        try {
            context.start();
            // The management server is a bean like any other; starting it here keeps one lifecycle for all modes.
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            MDC.remove(MDC_SERVICE);
            throw new ServiceStartException(name, e);
        }
        ServiceContext running = new ServiceContext(name, context);
        log.info(
                "service started managementPort={} ms={}",
                running.managementPort(),
                (System.nanoTime() - started) / 1_000_000);
        MDC.remove(MDC_SERVICE);
        return running;
    }

    /**
     * Starts several services, stopping those already started when one fails; then, once per process, the
     * {@link IdleHeapRelease} ({@code FAZT_IDLE_GC_SECONDS}). Every setting of every service is checked before the
     * first starts, and each deprecated name in use is warned about once.
     */
    public static List<ServiceContext> startAll(List<ServiceDefinition> definitions, Map<String, String> env) {
        Set<String> warnings = new LinkedHashSet<>(
                SettingValues.read(PlatformSettings.PROCESS, env, null).warnings());
        for (ServiceDefinition definition : definitions) {
            BootstrapSettings.from(env, definition.name());
            warnings.addAll(SettingValues.read(definition.settings(), env, definition.name())
                    .warnings());
        }
        warnings.forEach(w -> log.warn("{}", w));
        Optional<Duration> idleRelease = IdleHeapRelease.interval(
                (Long) PlatformSettings.IDLE_GC_SECONDS.read(env, null).value());
        List<ServiceContext> started = new ArrayList<>();
        try {
            for (ServiceDefinition definition : definitions) {
                started.add(start(definition, env));
            }
            idleRelease.ifPresent(IdleHeapRelease::startOnce);
            return started;
        } catch (RuntimeException e) {
            started.reversed().forEach(ServiceContext::close);
            throw e;
        }
    }

    public ServiceName name() {
        return name;
    }

    public ApplicationContext context() {
        return context;
    }

    /** The port the management server listens on. */
    public int managementPort() {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    /** Stops the service: stops taking requests, drains NATS, closes the pool. */
    @Override
    public void close() {
        if (context.isRunning()) {
            MDC.put(MDC_SERVICE, name.id());
            try {
                context.close();
                log.info("service stopped");
            } finally {
                MDC.remove(MDC_SERVICE);
            }
        }
    }
}
