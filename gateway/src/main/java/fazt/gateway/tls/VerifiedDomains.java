package fazt.gateway.tls;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.deploy.MappedDomain;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom domains deploy-svc has verified (ADR 28), in memory, for the on-demand policy: loaded with
 * {@code svc.deploy.domains.get} at start (again on each renewal pass until it worked once) and kept current by
 * {@code evt.deploy.domain.>} (a plain subscription, like the gateway's app events). A domain that becomes VERIFIED
 * is handed to {@code onVerified}, so its certificate is ordered ahead of the first visitor. A wildcard mapping
 * ({@code *.example.com}) allows each name directly under it; each such name gets a certificate of its own (HTTP-01
 * cannot validate a wildcard).
 */
@Singleton
final class VerifiedDomains {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(VerifiedDomains.class);

    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final NatsRequester requests;
    private final Connection nats;
    private final BootstrapSettings settings;
    private volatile boolean loaded;
    private Dispatcher dispatcher;

    VerifiedDomains(NatsRequester requests, Connection nats, BootstrapSettings settings) {
        this.requests = requests;
        this.nats = nats;
        this.settings = settings;
    }

    /** Follows the domain events from now on; {@code onVerified} gets each domain that becomes verified. */
    void start(Consumer<String> onVerified) {
        dispatcher = nats.createDispatcher(message -> {
            try {
                DomainChanged changed = MessageCodec.INSTANCE.decode(message.getData(), DomainChanged.class);
                String domain = changed.domain().domain();
                // the mapping's state is authoritative; REMOVED carries it as it stood before
                if (changed.change() != DomainChanged.Change.REMOVED
                        && changed.domain().state() == DomainState.VERIFIED) {
                    boolean added = verified.add(domain);
                    if (added && changed.change() == DomainChanged.Change.VERIFIED && !domain.startsWith("*.")) {
                        onVerified.accept(domain);
                    }
                } else {
                    verified.remove(domain);
                }
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("unreadable domain event subject={}", message.getSubject());
            }
        });
        dispatcher.subscribe(settings.root().qualify(DeploySubjects.DOMAIN_EVENTS));
        load();
    }

    /** Asks deploy-svc for every mapped domain unless that worked before; without an answer, keeps what it knows. */
    void load() {
        if (loaded) {
            return;
        }
        requests.request(DeploySubjects.DOMAINS_GET, new DomainsRequest(), DomainsReply.class, TIMEOUT)
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        log.info("custom domains not loaded yet reason={}", failure.getMessage());
                        return;
                    }
                    for (MappedDomain domain : reply.domains()) {
                        if (domain.state() == DomainState.VERIFIED) {
                            verified.add(domain.domain());
                        }
                    }
                    loaded = true;
                });
    }

    /** Whether {@code name} is a verified custom domain or directly under a verified wildcard. */
    boolean allows(String name) {
        if (verified.contains(name)) {
            return true;
        }
        int dot = name.indexOf('.');
        return dot > 0 && verified.contains("*" + name.substring(dot));
    }

    @PreDestroy
    void stop() {
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
