package fazt.scheduler.messaging;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.scheduler.domain.AppTriggerSource;
import fazt.scheduler.domain.SyncTriggers;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps schedules equal to the live versions: a durable consumer ({@value #CONSUMER}, shared by all scheduler
 * instances, ADR 25) on deploy-svc's app events re-syncs an app from {@code svc.deploy.triggers.get} on every
 * deployed, rolled_back, deleted or renamed event (a rename changes no schedule but the alias runs are sent to). The
 * consumer starts with new events only: once it exists, one full re-sync catches up with anything older. Both retry
 * until deploy-svc and its stream are there, without holding up the service's start.
 */
@Singleton
final class AppChangesConsumer implements EventConsumer<AppChanged> {
    static final String CONSUMER = "scheduler-app-changes";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<AppChanged.Change> RELEVANT = Set.of(
            AppChanged.Change.DEPLOYED,
            AppChanged.Change.ROLLED_BACK,
            AppChanged.Change.DELETED,
            AppChanged.Change.RENAMED);
    private static final Logger log = LoggerFactory.getLogger(AppChangesConsumer.class);

    private final NatsRequester requester;
    private final SyncTriggers sync;
    private final AppTriggerSource triggers;
    private final Clock clock;

    AppChangesConsumer(NatsRequester requester, SyncTriggers sync, AppTriggerSource triggers, Clock clock) {
        this.requester = requester;
        this.sync = sync;
        this.triggers = triggers;
        this.clock = clock;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.durable(CONSUMER, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class)
                .startingWithNewMessages();
    }

    /** The consumer exists: everything before it is covered by one full re-sync. */
    @Override
    public void ready() {
        fullSync();
    }

    void fullSync() {
        TriggersReply all =
                requester.call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(null), TriggersReply.class, TIMEOUT);
        sync.all(all.apps(), clock.instant());
        log.info("schedules synced apps={}", all.apps().size());
    }

    @Override
    public void handle(AppChanged changed) {
        if (changed.change() == null || !RELEVANT.contains(changed.change())) {
            return;
        }
        sync.app(changed.appId(), triggers.fetch(changed.appId()).orElse(null), clock.instant());
        log.info(
                "schedules synced appId={} change={}",
                changed.appId(),
                changed.change().token());
    }
}
