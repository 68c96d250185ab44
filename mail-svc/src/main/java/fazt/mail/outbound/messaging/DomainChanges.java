package fazt.mail.outbound.messaging;

import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import jakarta.inject.Singleton;

/**
 * Every instance hears {@code evt.deploy.domain.*} and drops its cached custom domains, so an app may send from a
 * domain as soon as it is mapped and no longer once it is removed.
 */
@Singleton
final class DomainChanges implements EventConsumer<DomainChanged> {
    private final NatsAppDirectory directory;

    DomainChanges(NatsAppDirectory directory) {
        this.directory = directory;
    }

    @Override
    public ConsumerSpec<DomainChanged> spec() {
        return ConsumerSpec.broadcast(
                "mail-outbound-domains", ServiceName.DEPLOY, DeploySubjects.DOMAIN_EVENTS, DomainChanged.class);
    }

    @Override
    public void handle(DomainChanged event) {
        directory.forget();
    }

    @Override
    public void unreadable(String subject) {
        directory.forget();
    }
}
