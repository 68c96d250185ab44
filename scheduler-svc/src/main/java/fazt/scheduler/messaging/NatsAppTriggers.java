package fazt.scheduler.messaging;

import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.scheduler.domain.AppTriggerSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link AppTriggerSource} over {@code svc.deploy.triggers.get}. */
@Singleton
final class NatsAppTriggers implements AppTriggerSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final NatsRequester requester;

    NatsAppTriggers(NatsRequester requester) {
        this.requester = requester;
    }

    @Override
    public Optional<TriggersReply.AppTriggers> fetch(String appId) {
        List<TriggersReply.AppTriggers> apps = requester
                .call(DeploySubjects.TRIGGERS_GET, new TriggersRequest(appId), TriggersReply.class, TIMEOUT)
                .apps();
        return apps.isEmpty() ? Optional.empty() : Optional.of(apps.getFirst());
    }
}
