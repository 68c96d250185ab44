package fazt.auth.messaging;

import fazt.auth.domain.appauth.AppEndUsers;
import fazt.auth.domain.appauth.AppProviders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps app login settings attached to the right app: a deleted app's providers and allow-list are dropped (so a new
 * app that takes the name does not inherit them), and so are its app users and their sessions; a renamed app's
 * settings move with it (its users and sessions are bound to the app id, which a rename keeps). A durable JetStream consumer on
 * deploy-svc's event stream, shared by every auth instance (one queue group), so an auth-svc that was down catches
 * up. deploy-svc may start later than auth-svc: until its stream exists, subscribing is retried in the background.
 */
@Singleton
final class AppChangesConsumer implements ApplicationEventListener<StartupEvent> {
    static final String DURABLE = "auth-app-login";
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(AppChangesConsumer.class);

    private final Connection nats;
    private final BootstrapSettings settings;
    private final AppProviders providers;
    private final AppEndUsers users;
    private volatile Thread worker;
    private volatile Dispatcher dispatcher;

    AppChangesConsumer(Connection nats, BootstrapSettings settings, AppProviders providers, AppEndUsers users) {
        this.users = users;
        this.nats = nats;
        this.settings = settings;
        this.providers = providers;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        worker = Thread.ofVirtual().name("auth-app-changes").start(() -> {
            for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
                try {
                    subscribe();
                    return;
                } catch (Exception e) {
                    if (attempt % 15 == 1) {
                        log.info("waiting for deploy's event stream reason={}", e.getMessage());
                    }
                    try {
                        Thread.sleep(RETRY);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    private void subscribe() throws Exception {
        Dispatcher d = nats.createDispatcher();
        try {
            PushSubscribeOptions options = PushSubscribeOptions.builder()
                    .stream(settings.root().eventStream(ServiceName.DEPLOY))
                    .durable(DURABLE)
                    .deliverGroup(DURABLE)
                    .configuration(ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit)
                            .deliverPolicy(DeliverPolicy.All).ackWait(Duration.ofSeconds(30)).build())
                    .build();
            JetStreamSubscription sub = nats.jetStream().subscribe(settings.root().qualify(DeploySubjects.APP_EVENTS),
                    DURABLE, d, this::onMessage, false, options);
            log.debug("app changes consumer subscribed consumer={}", sub.getConsumerName());
            dispatcher = d;
        } catch (Exception e) {
            nats.closeDispatcher(d);
            throw e;
        }
    }

    private void onMessage(Message message) {
        try {
            AppChanged changed = MessageCodec.INSTANCE.decode(message.getData(), AppChanged.class);
            switch (changed.change()) {
                case DELETED -> {
                    changed.names().forEach(name -> {
                        int dropped = providers.forget(name);
                        if (dropped > 0) {
                            log.info("app login dropped with its app app={} providers={}", name, dropped);
                        }
                    });
                    if (changed.appId() != null) {
                        int dropped = users.forgetApp(changed.appId());
                        if (dropped > 0) {
                            log.info("app users dropped with their app appId={} users={}", changed.appId(), dropped);
                        }
                    }
                }
                case RENAMED -> {
                    // deploy-svc lists the old name first, then the new one.
                    if (changed.names().size() == 2) {
                        providers.move(changed.names().get(0), changed.names().get(1));
                    }
                }
                default -> { }
            }
            message.ack();
        } catch (MessageCodec.MalformedMessageException e) {
            log.warn("unreadable app event skipped subject={}", message.getSubject());
            message.term();
        } catch (RuntimeException e) {
            // The database may be briefly away: redeliver after a pause instead of losing the change.
            log.warn("app event not applied, will retry subject={} reason={}", message.getSubject(), e.getMessage());
            message.nakWithDelay(RETRY);
        }
    }

    @PreDestroy
    void stop() {
        if (worker != null) {
            worker.interrupt();
        }
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
