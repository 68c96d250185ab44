package fazt.mail.messaging;

import fazt.mail.domain.Directory;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.EventConsumer;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's {@link Directory} of apps equal to deploy-svc's: a broadcast consumer (every instance keeps
 * its own copy) of deploy's app events; each (re)start of the consumer loads every app from
 * {@code svc.deploy.triggers.get}, each event reloads its app.
 */
@Singleton
final class AppDirectoryConsumer implements EventConsumer<AppChanged> {
    static final String CONSUMER = "mail-apps";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(AppDirectoryConsumer.class);

    private final NatsRequester requester;
    private final Directory directory;

    AppDirectoryConsumer(NatsRequester requester, Directory directory) {
        this.requester = requester;
        this.directory = directory;
    }

    @Override
    public ConsumerSpec<AppChanged> spec() {
        return ConsumerSpec.broadcast(CONSUMER, ServiceName.DEPLOY, DeploySubjects.APP_EVENTS, AppChanged.class);
    }

    @Override
    public void ready() {
        TriggersReply all =
                requester.call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(null), TriggersReply.class, TIMEOUT);
        directory.replaceApps(all.apps());
        log.info("mail directory loaded apps={}", all.apps().size());
    }

    @Override
    public void handle(AppChanged changed) {
        if (changed.appId() == null) {
            return;
        }
        List<TriggersReply.AppTriggers> apps = requester
                .call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(changed.appId()), TriggersReply.class, TIMEOUT)
                .apps();
        directory.putApp(changed.appId(), apps.isEmpty() ? null : apps.getFirst());
    }
}
