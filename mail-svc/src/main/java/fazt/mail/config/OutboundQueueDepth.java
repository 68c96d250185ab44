package fazt.mail.config;

import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.service.db.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code fazt_mail_outbound_queue_messages{status}}: outbound messages not yet delivered nor given up on, by
 * {@code status} ({@code queued}, {@code sending}, {@code retrying}), and {@code fazt_mail_outbound_oldest_queued_seconds}:
 * how long the oldest of them has waited (0 when none). Counted in the database every {@link #EVERY} on a
 * background loop (ADR 41); every instance reports the same table, so take {@code max} across instances.
 */
@Singleton
final class OutboundQueueDepth implements BackgroundWork {
    static final Duration EVERY = Duration.ofSeconds(15);
    static final List<String> WAITING = List.of("queued", "sending", "retrying");

    private final Sql db;
    private final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong oldestSeconds = new AtomicLong();

    OutboundQueueDepth(Sql db, MeterRegistry metrics) {
        this.db = db;
        for (String status : WAITING) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("fazt.mail.outbound.queue.messages", count, AtomicLong::get)
                    .description("Outbound messages waiting for delivery, by status")
                    .tag("status", status)
                    .register(metrics);
        }
        Gauge.builder("fazt.mail.outbound.oldest.queued", oldestSeconds, AtomicLong::get)
                .description("Seconds the oldest undelivered outbound message has waited")
                .baseUnit("seconds")
                .register(metrics);
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("mail-outbound-depth", EVERY, this::count);
    }

    private void count() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        db.list(
                "SELECT status, count(*) FROM outbound WHERE status IN ('queued', 'sending', 'retrying') GROUP BY"
                        + " status",
                r -> counts.put(r.getString(1), r.getLong(2)));
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        oldestSeconds.set(db.one(
                "SELECT coalesce(extract(epoch FROM now() - min(queued_at)), 0)::bigint FROM outbound"
                        + " WHERE status IN ('queued', 'sending', 'retrying')",
                r -> r.getLong(1)));
    }
}
