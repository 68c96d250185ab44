package fazt.mail.config;

import fazt.mail.domain.Claims;
import fazt.mail.domain.Directory;
import fazt.mail.domain.ManageAddresses;
import fazt.mail.domain.MessageEvents;
import fazt.mail.domain.Recipients;
import fazt.mail.inbound.Dns;
import fazt.mail.inbound.Intake;
import fazt.mail.inbound.MailAuthenticator;
import fazt.mail.inbound.TlsCertificate;
import fazt.mail.persistence.JdbcInbox;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java parts of mail-svc to their adapters. */
@Factory
final class MailBeans {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Directory directory(MailConfig config) {
        return new Directory(config.mailDomain());
    }

    @Singleton
    Recipients recipients(Directory directory, Claims claims) {
        return new Recipients(directory, claims);
    }

    @Singleton
    ManageAddresses manageAddresses(Directory directory, Claims claims, Clock clock) {
        return new ManageAddresses(directory, claims, clock);
    }

    @Singleton
    Dns dns(MailConfig config) {
        return Dns.of(config.dns());
    }

    @Singleton
    MailAuthenticator authenticator(Dns dns) {
        return new MailAuthenticator(dns);
    }

    @Singleton
    Intake intake(
            JdbcInbox inbox, MailAuthenticator authenticator, MessageEvents events, Clock clock, MailConfig config) {
        return new Intake(inbox, authenticator, events, clock, config.limits().maxConcurrentMessages());
    }

    @Singleton
    TlsCertificate tlsCertificate(MailConfig config) {
        return new TlsCertificate(config.smtpHostName());
    }
}
