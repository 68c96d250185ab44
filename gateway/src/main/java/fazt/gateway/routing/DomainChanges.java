package fazt.gateway.routing;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link CustomDomains} current: subscribes to deploy-svc's domain events ({@code <root>.evt.deploy.domain.>},
 * a plain subscription with no queue group, as {@link SiteChanges} does for apps: every gateway hears every event),
 * then asks {@code svc.deploy.domains.get} for every mapping, at start (every few seconds until deploy-svc answers)
 * and every {@link #RESYNC} after, so a lost event heals. Requests never wait on this.
 */
@Singleton
final class DomainChanges implements ApplicationEventListener<StartupEvent> {
    static final Duration RESYNC = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DomainChanges.class);
    private final Connection nats;
    private final BootstrapSettings settings;
    private final CustomDomains domains;
    private final NatsRequester requester;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "custom-domains");
        t.setDaemon(true);
        return t;
    });
    private Dispatcher dispatcher;
    private int failedLoads;

    DomainChanges(Connection nats, BootstrapSettings settings, CustomDomains domains, NatsRequester requester) {
        this.nats = nats;
        this.settings = settings;
        this.domains = domains;
        this.requester = requester;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        dispatcher = nats.createDispatcher(message -> {
            try {
                DomainChanged changed = MessageCodec.INSTANCE.decode(message.getData(), DomainChanged.class);
                domains.apply(changed);
                log.debug(
                        "custom domain {} domain={}",
                        changed.change(),
                        changed.domain().domain());
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("unreadable domain event, full resync subject={}", message.getSubject());
                timer.execute(this::resync);
            }
        });
        dispatcher.subscribe(settings.root().qualify(DeploySubjects.DOMAIN_EVENTS));
        timer.execute(this::resync);
    }

    private void resync() {
        try {
            domains.snapshotAsked();
            DomainsReply reply =
                    requester.call(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, TIMEOUT);
            domains.replace(reply.domains());
            failedLoads = 0;
            log.debug("custom domains loaded count={}", domains.size());
            timer.schedule(this::resync, RESYNC.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (failedLoads++ % 20 == 0) {
                log.info("custom domains not loaded yet, retrying reason={}", e.toString());
            }
            if (!timer.isShutdown()) {
                timer.schedule(this::resync, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
