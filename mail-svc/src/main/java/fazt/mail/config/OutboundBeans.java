package fazt.mail.config;

import fazt.mail.OutboundSettings;
import fazt.mail.outbound.AppDirectory;
import fazt.mail.outbound.DeliverOutbound;
import fazt.mail.outbound.DkimKeys;
import fazt.mail.outbound.MailDns;
import fazt.mail.outbound.MailTransport;
import fazt.mail.outbound.OutboundConfig;
import fazt.mail.outbound.OutboundQueue;
import fazt.mail.outbound.OutboundStore;
import fazt.mail.outbound.Outbox;
import fazt.mail.outbound.Relays;
import fazt.mail.outbound.SmtpRelayTransport;
import fazt.mail.outbound.messaging.NatsAppDirectory;
import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.db.Sql;
import fazt.proto.mail.MailSubjects;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires sending (ADR 30): the plain-Java use cases of {@code fazt.mail.outbound} to their adapters and settings. */
@Factory
final class OutboundBeans {
    /** Not a bean: the inbound side may declare its own clock; sending's is always UTC wall time. */
    private static final Clock CLOCK = Clock.systemUTC();

    @Singleton
    OutboundConfig outboundConfig(
            MailConfig mail,
            @Value("${mail.outbound.per-hour:" + OutboundSettings.DEFAULT_PER_HOUR + "}") int perHour,
            @Value("${mail.outbound.retry-first-millis:" + OutboundSettings.DEFAULT_RETRY_FIRST_MILLIS + "}")
                    long retryFirst,
            @Value("${mail.outbound.retry-max-millis:" + OutboundSettings.DEFAULT_RETRY_MAX_MILLIS + "}") long retryMax,
            @Value("${mail.outbound.retry-days:" + OutboundSettings.DEFAULT_RETRY_DAYS + "}") int retryDays) {
        return new OutboundConfig(
                mail.mailDomain(),
                mail.smtpHostName(),
                mail.limits().maxMessageBytes(),
                perHour,
                Duration.ofMillis(retryFirst),
                Duration.ofMillis(Math.max(retryFirst, retryMax)),
                Duration.ofDays(retryDays));
    }

    @Singleton
    OutboundStore outboundStore(Sql db) {
        return new OutboundStore(db);
    }

    @Singleton
    DkimKeys dkimKeys(Sql db, BootstrapSettings settings) {
        return new DkimKeys(db, settings.masterKey(), CLOCK);
    }

    @Singleton
    Relays relays(Sql db, BootstrapSettings settings) {
        return new Relays(db, settings.masterKey(), CLOCK);
    }

    @Singleton
    NatsAppDirectory appDirectory(NatsRequester requester) {
        return new NatsAppDirectory(requester, CLOCK);
    }

    @Singleton
    MailTransport mailTransport(OutboundConfig config) {
        return new SmtpRelayTransport(config.smtpHostname());
    }

    @Singleton
    Outbox outbox(OutboundStore store, OutboundQueue queue, DkimKeys dkim, AppDirectory apps, OutboundConfig config) {
        return new Outbox(store, queue, dkim, apps, config, CLOCK);
    }

    @Singleton
    DeliverOutbound deliverOutbound(
            OutboundStore store,
            Relays relays,
            MailTransport transport,
            EventPublisher events,
            OutboundConfig config,
            BootstrapSettings settings) {
        return new DeliverOutbound(
                store,
                relays,
                transport,
                e -> events.publish(MailSubjects.outboundEvent(e.status()), e, e.eventId()),
                config,
                settings.instance(),
                CLOCK);
    }

    @Singleton
    MailDns mailDns(DkimKeys dkim, AppDirectory apps, Relays relays, OutboundConfig config) {
        return new MailDns(dkim, apps, relays, config);
    }
}
