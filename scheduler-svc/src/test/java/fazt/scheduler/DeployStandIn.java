package fazt.scheduler;

import fazt.platform.nats.EventStreams;
import fazt.platform.nats.FaztHeaders;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays deploy-svc over real NATS for the scheduler's ITs: answers {@code svc.deploy.triggers.get} and
 * {@code svc.deploy.site.get} from the apps a test declares, and publishes {@link AppChanged} events on deploy's
 * JetStream event stream, as deploy-svc does on deploy, rollback and delete.
 */
final class DeployStandIn implements AutoCloseable {
    private final Connection nats;
    private final SubjectRoot root;
    private final Dispatcher dispatcher;
    private final Map<String, TriggersReply.AppTriggers> apps = new ConcurrentHashMap<>();

    DeployStandIn(Connection nats, SubjectRoot root) throws Exception {
        this.nats = nats;
        this.root = root;
        EventStreams.declare(nats, root, ServiceName.DEPLOY);
        dispatcher = nats.createDispatcher();
        dispatcher.subscribe(root.qualify(DeploySubjects.TRIGGERS_GET), "deploy", m -> {
            String id = MessageCodec.INSTANCE.decode(m.getData(), TriggersRequest.class).appId();
            List<TriggersReply.AppTriggers> found = apps.values().stream()
                    .filter(a -> id == null || a.appId().equals(id)).toList();
            nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(new TriggersReply(found)));
        });
        dispatcher.subscribe(root.qualify(DeploySubjects.SITE_GET), "deploy", m -> {
            String name = MessageCodec.INSTANCE.decode(m.getData(), SiteRequest.class).name();
            SiteReply reply = apps.values().stream().filter(a -> a.name().equals(name)).findFirst()
                    .map(a -> new SiteReply(true, a.appId(), a.name(), a.version(), "site/" + a.appId() + "/v" + a.version(),
                            null, List.of(), List.of(), Instant.now(), true))
                    .orElse(SiteReply.notFound());
            nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(reply));
        });
        nats.flush(java.time.Duration.ofSeconds(5));
    }

    /** Makes {@code app} the live version and announces it. */
    void deploy(TriggersReply.AppTriggers app) throws Exception {
        apps.put(app.appId(), app);
        announce(AppChanged.Change.DEPLOYED, app.appId(), app.name(), app.version());
    }

    void delete(String appId) throws Exception {
        TriggersReply.AppTriggers gone = apps.remove(appId);
        announce(AppChanged.Change.DELETED, appId, gone.name(), gone.version());
    }

    private void announce(AppChanged.Change change, String appId, String name, int version) throws Exception {
        AppChanged event = new AppChanged(UUID.randomUUID().toString(), change, appId, List.of(name), version, Instant.now());
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, event.eventId());
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(AppChanged.class));
        nats.jetStream().publish(NatsMessage.builder().subject(root.qualify(DeploySubjects.appEvent(change)))
                .headers(headers).data(MessageCodec.INSTANCE.encode(event)).build());
    }

    /**
     * An app with server code whose {@code fazt.json} has {@code schedules} and this run policy, declares every path
     * under {@code /api/} async ({@code "async": ["**"]}) and leaves the intake limits at their defaults.
     */
    static TriggersReply.AppTriggers app(String appId, String name, List<TriggersReply.Schedule> schedules, int attempts,
                                         long backoffMillis, int concurrency) {
        return new TriggersReply.AppTriggers(appId, name, 1, schedules, attempts, backoffMillis, concurrency, 5_000,
                List.of("**"), null, null, null);
    }

    /** An app declaring only the {@code async} patterns given, with the given intake limits (null: the default). */
    static TriggersReply.AppTriggers withIntake(String appId, String name, List<String> async, Integer perMinute,
                                                Integer burst, Long maxStoredBytes) {
        return new TriggersReply.AppTriggers(appId, name, 1, List.of(), 3, 1_000, 4, 5_000, async, perMinute, burst,
                maxStoredBytes);
    }

    @Override
    public void close() {
        nats.closeDispatcher(dispatcher);
    }
}
