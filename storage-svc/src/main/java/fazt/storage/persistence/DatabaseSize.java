package fazt.storage.persistence;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.service.db.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the suite holds on PostgreSQL's disk (ADR 41), read every {@link #EVERY} on a background loop from PostgreSQL's
 * own size functions (file sizes, no table scan): {@code fazt_storage_database_bytes}, the whole fazt database (every
 * service's schema), and {@code fazt_storage_schema_bytes}, storage-svc's schema alone (files, blobs kept in
 * PostgreSQL, KV and documents, with their indexes and TOAST).
 */
@Singleton
final class DatabaseSize implements BackgroundWork {
    static final Duration EVERY = Duration.ofMinutes(1);

    private final Sql db;
    private final AtomicLong database = new AtomicLong();
    private final AtomicLong schema = new AtomicLong();

    DatabaseSize(Sql db, MeterRegistry metrics) {
        this.db = db;
        Gauge.builder("fazt.storage.database", database, AtomicLong::get)
                .description("Size of the fazt database on PostgreSQL's disk")
                .baseUnit("bytes")
                .register(metrics);
        Gauge.builder("fazt.storage.schema", schema, AtomicLong::get)
                .description("Size of storage-svc's schema (files, blobs in PostgreSQL, KV, documents)")
                .baseUnit("bytes")
                .register(metrics);
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("database-size", EVERY, this::read);
    }

    private void read() {
        database.set(db.one("SELECT pg_database_size(current_database())", r -> r.getLong(1)));
        schema.set(db.one(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')",
                r -> r.getLong(1)));
    }
}
