package fazt.storage.messaging;

import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.PurgeApp;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges a deleted app's KV entries, documents and files when deploy-svc reports the deletion
 * ({@code <root>.evt.deploy.app.deleted}, an {@link AppChanged} with change {@code DELETED}).
 *
 * <p>A JetStream durable consumer on deploy-svc's event stream, shared by every storage instance (a pull consumer,
 * so each event goes to one of them), so a deletion that happened while storage was down is purged when it comes
 * back. The message is acknowledged only after the purge committed; a failed purge is redelivered after a pause.
 * Purging is idempotent, so a redelivery is harmless. deploy-svc declares its stream when it starts, which may be
 * after storage does: until the stream exists this retries in the background.
 */
@Singleton
final class AppDeletions implements ApplicationEventListener<StartupEvent> {
    /** The durable consumer's name on the deploy event stream. */
    static final String DURABLE = "storage-app-purge";
    private static final Duration ACK_WAIT = Duration.ofMinutes(2);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration MAX_SETUP_PAUSE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(AppDeletions.class);

    private final Connection nats;
    private final BootstrapSettings settings;
    private final PurgeApp purge;
    private volatile MessageConsumer consumer;
    private volatile Thread setup;

    AppDeletions(Connection nats, BootstrapSettings settings, PurgeApp purge) {
        this.nats = nats;
        this.settings = settings;
        this.purge = purge;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        setup = Thread.ofVirtual().name("storage-app-deletions").start(this::subscribeWhenStreamExists);
    }

    private void subscribeWhenStreamExists() {
        Duration pause = Duration.ofMillis(200);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String stream = settings.root().eventStream(ServiceName.DEPLOY);
                ConsumerContext context = nats.getStreamContext(stream).createOrUpdateConsumer(
                        ConsumerConfiguration.builder()
                                .durable(DURABLE)
                                .filterSubject(settings.root().qualify(
                                        DeploySubjects.appEvent(AppChanged.Change.DELETED)))
                                .deliverPolicy(DeliverPolicy.All)
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(ACK_WAIT)
                                .build());
                consumer = context.consume(this::onMessage);
                log.info("consuming app deletions stream={} durable={}", stream, DURABLE);
                return;
            } catch (JetStreamApiException e) {
                log.debug("app deletions not consumed yet error={}", e.getMessage());
            } catch (Exception e) {
                log.warn("app deletions not consumed yet error={}", e.getMessage());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_SETUP_PAUSE) > 0 ? MAX_SETUP_PAUSE : pause.multipliedBy(2);
        }
    }

    private void onMessage(Message message) {
        AppChanged event;
        try {
            event = MessageCodec.INSTANCE.decode(message.getData(), AppChanged.class);
        } catch (RuntimeException e) {
            log.warn("app event dropped: not an AppChanged subject={}", message.getSubject());
            message.term();
            return;
        }
        if (event.change() != AppChanged.Change.DELETED || event.appId() == null) {
            message.ack();
            return;
        }
        try {
            PurgeApp.Purged purged = purge.purge(new AppId(event.appId()));
            log.info("app purged appId={} kvEntries={} documents={} files={} eventId={}", event.appId(),
                    purged.entries(), purged.documents(), purged.files(), event.eventId());
            message.ack();
        } catch (RuntimeException e) {
            log.warn("app purge failed, will retry appId={} error={}", event.appId(), e.getMessage());
            message.nakWithDelay(RETRY_AFTER_FAILURE);
        }
    }

    @PreDestroy
    void stop() {
        Thread running = setup;
        if (running != null) {
            running.interrupt();
        }
        MessageConsumer active = consumer;
        if (active != null) {
            try {
                active.close();
            } catch (Exception e) {
                log.debug("app deletions consumer close failed error={}", e.getMessage());
            }
        }
    }
}
