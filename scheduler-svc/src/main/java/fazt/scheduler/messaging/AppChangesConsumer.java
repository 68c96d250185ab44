package fazt.scheduler.messaging;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.scheduler.domain.AppTriggerSource;
import fazt.scheduler.domain.SyncTriggers;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps schedules equal to the live versions: a durable JetStream consumer ({@value #CONSUMER}, shared by all
 * scheduler instances) on deploy-svc's app events re-syncs an app from {@code svc.deploy.triggers.get} on every
 * deployed, rolled_back, deleted or renamed event (a rename changes no schedule but the alias runs are sent to);
 * at start, after the consumer exists, one full re-sync catches up with anything older. Both retry until deploy-svc
 * and its stream are there, without holding up the service's start.
 */
@Singleton
final class AppChangesConsumer implements ApplicationEventListener<StartupEvent> {
    static final String CONSUMER = "scheduler-app-changes";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Set<AppChanged.Change> RELEVANT = Set.of(AppChanged.Change.DEPLOYED,
            AppChanged.Change.ROLLED_BACK, AppChanged.Change.DELETED, AppChanged.Change.RENAMED);
    private static final Logger log = LoggerFactory.getLogger(AppChangesConsumer.class);

    private final Connection nats;
    private final BootstrapSettings settings;
    private final NatsRequester requester;
    private final SyncTriggers sync;
    private final AppTriggerSource triggers;
    private final Clock clock;
    private volatile boolean running = true;
    private Thread loop;

    AppChangesConsumer(Connection nats, BootstrapSettings settings, NatsRequester requester, SyncTriggers sync,
                       AppTriggerSource triggers, Clock clock) {
        this.nats = nats;
        this.settings = settings;
        this.requester = requester;
        this.sync = sync;
        this.triggers = triggers;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop = Thread.ofVirtual().name("scheduler-app-changes").start(this::run);
    }

    private void run() {
        JetStreamSubscription sub = null;
        boolean synced = false;
        while (running) {
            try {
                if (sub == null) {
                    sub = subscribe();
                }
                if (!synced) {
                    fullSync();
                    synced = true;
                }
                for (Message m : sub.fetch(20, Duration.ofSeconds(1))) {
                    handle(m);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                log.warn("app event sync waiting reason={}", e.getClass().getSimpleName());
                sub = null;
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private JetStreamSubscription subscribe() throws Exception {
        String stream = settings.root().eventStream(ServiceName.DEPLOY);
        String subject = settings.root().qualify(DeploySubjects.APP_EVENTS);
        // New events only: the full sync that follows covers everything before.
        nats.jetStreamManagement().addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(CONSUMER)
                .filterSubject(subject).deliverPolicy(DeliverPolicy.New).ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofSeconds(30)).build());
        return nats.jetStream().subscribe(subject, PullSubscribeOptions.bind(stream, CONSUMER));
    }

    void fullSync() {
        TriggersReply all = requester.call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(null), TriggersReply.class,
                TIMEOUT);
        sync.all(all.apps(), clock.instant());
        log.info("schedules synced apps={}", all.apps().size());
    }

    private void handle(Message m) {
        AppChanged changed;
        try {
            changed = MessageCodec.INSTANCE.decode(m.getData(), AppChanged.class);
        } catch (RuntimeException e) {
            m.term(); // not an app event we can read: never will be
            return;
        }
        if (changed.change() == null || !RELEVANT.contains(changed.change())) {
            m.ack();
            return;
        }
        try {
            sync.app(changed.appId(), triggers.fetch(changed.appId()).orElse(null), clock.instant());
            m.ack();
            log.info("schedules synced appId={} change={}", changed.appId(), changed.change().token());
        } catch (RuntimeException e) {
            log.warn("app sync failed appId={} reason={}", changed.appId(), e.getClass().getSimpleName());
            m.nakWithDelay(RETRY);
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }
}
