package fazt.mail.messaging;

import fazt.mail.domain.Directory;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's {@link Directory} of custom domains equal to deploy-svc's: every domain from
 * {@code svc.deploy.domains.get} at each (re)start of a broadcast consumer of deploy's domain events, then each event
 * (the mapping inside is authoritative; {@code removed} drops it).
 */
@Singleton
final class DomainDirectoryConsumer implements EventConsumer<DomainChanged> {
    static final String CONSUMER = "mail-domains";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DomainDirectoryConsumer.class);

    private final NatsRequester requester;
    private final Directory directory;

    DomainDirectoryConsumer(NatsRequester requester, Directory directory) {
        this.requester = requester;
        this.directory = directory;
    }

    @Override
    public ConsumerSpec<DomainChanged> spec() {
        return ConsumerSpec.broadcast(CONSUMER, ServiceName.DEPLOY, DeploySubjects.DOMAIN_EVENTS, DomainChanged.class);
    }

    @Override
    public void ready() {
        DomainsReply all =
                requester.call(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, TIMEOUT);
        directory.replaceDomains(all.domains());
        log.info("mail directory loaded domains={}", all.domains().size());
    }

    @Override
    public void handle(DomainChanged changed) {
        if (changed.domain() == null) {
            return;
        }
        if (changed.change() == DomainChanged.Change.REMOVED) {
            directory.removeDomain(changed.domain().domain());
        } else {
            directory.putDomain(changed.domain());
        }
    }
}
