package fazt.platform.service.management;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.File;

/**
 * {@code disk_free_bytes} and {@code disk_total_bytes} (Micrometer's names, tag {@code path}) of the file system the
 * service runs in: its working directory, which holds FAZT_HOME under {@code scripts/stack} and, in Docker, sits on the
 * Docker host's disk that also holds the volumes of PostgreSQL and NATS by default (ADR 41).
 */
@Factory
final class DiskSpace {
    @Singleton
    MeterBinder diskSpace() {
        return new DiskSpaceMetrics(new File(System.getProperty("user.dir", ".")).getAbsoluteFile());
    }
}
