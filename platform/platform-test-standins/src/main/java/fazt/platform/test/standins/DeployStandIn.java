package fazt.platform.test.standins;

import fazt.platform.nats.EventPublisher;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChallengeReply;
import fazt.proto.deploy.DomainChallengeRequest;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainsReply;
import fazt.proto.deploy.DomainsRequest;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.proto.problem.Problem;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Plays deploy-svc for another service's tests: answers what the other services ask deploy-svc over real NATS, in
 * deploy's queue group and through {@link ServiceEndpoints}, with the shared-proto records: the live version of an
 * app by name ({@code svc.deploy.site.get}), its env vars ({@code svc.deploy.env.get}), its triggers
 * ({@code svc.deploy.triggers.get}) and the custom domains ({@code svc.deploy.domains.get},
 * {@code svc.deploy.domain.challenge}), for the apps and domains the test declares; and it publishes
 * {@link AppChanged} and {@code DomainChanged} on deploy's
 * JetStream event stream (declared here, as deploy-svc declares it) through the {@link EventPublisher} deploy-svc
 * uses, when the test deploys, deletes or changes an app. It records every decoded request.
 *
 * <p>It does not validate bundles or manifests: a test declares the live state deploy-svc would have derived.
 * {@link DeployContract} holds it and the real deploy-svc to the same answers.
 */
public final class DeployStandIn implements AutoCloseable {
    private final Map<String, LiveApp> apps = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> envs = new ConcurrentHashMap<>();
    private final Map<String, MappedDomain> domains = new ConcurrentHashMap<>();
    private final Map<String, String> domainTokens = new ConcurrentHashMap<>();
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private final EventPublisher events;
    private final ServiceEndpoints endpoints;

    /** An app's live version as deploy-svc would serve it: {@code site} to the gateway, {@code triggers} to the scheduler. */
    public record LiveApp(SiteReply site, TriggersReply.AppTriggers triggers) {
        public String appId() {
            return site.appId();
        }
    }

    private DeployStandIn(Connection nats, SubjectRoot root) throws IOException {
        try {
            EventStreams.declare(nats, root, ServiceName.DEPLOY);
        } catch (Exception e) {
            throw new IOException("declaring deploy's event stream failed", e);
        }
        events = new EventPublisher(nats, root);
        endpoints = ServiceEndpoints.start(
                nats,
                root,
                ServiceName.DEPLOY,
                "0.0.0-standin",
                "deploy-stand-in-" + UUID.randomUUID(),
                List.of(
                        endpoint(DeploySubjects.SITE_GET, r -> {
                            String name = record(r, SiteRequest.class).name();
                            return apps.values().stream()
                                    .filter(a -> a.site().name().equals(name))
                                    .findFirst()
                                    .map(LiveApp::site)
                                    .orElse(SiteReply.notFound());
                        }),
                        endpoint(DeploySubjects.ENV_GET, r -> {
                            String appId = record(r, AppEnvRequest.class).appId();
                            if (appId == null || appId.isBlank()) {
                                throw new ProblemException(Problem.of(
                                                400,
                                                "deploy/invalid-request",
                                                "Invalid request",
                                                "The request needs appId.")
                                        .withErrors(List.of(new Problem.FieldError("appId", "is required"))));
                            }
                            Map<String, String> values = envs.get(appId);
                            if (values == null && apps.containsKey(appId)) {
                                values = Map.of();
                            }
                            return values == null ? new AppEnvReply(false, Map.of()) : new AppEnvReply(true, values);
                        }),
                        endpoint(DeploySubjects.DOMAINS_GET, r -> {
                            record(r, DomainsRequest.class);
                            return new DomainsReply(List.copyOf(domains.values()));
                        }),
                        endpoint(
                                DeploySubjects.DOMAIN_CHALLENGE,
                                r -> new DomainChallengeReply(domainTokens.get(
                                        record(r, DomainChallengeRequest.class).domain()))),
                        endpoint(DeploySubjects.TRIGGERS_GET, r -> {
                            String appId = record(r, TriggersRequest.class).appId();
                            return new TriggersReply(apps.values().stream()
                                    .filter(a -> appId == null || a.appId().equals(appId))
                                    .map(LiveApp::triggers)
                                    .toList());
                        })));
    }

    /** Declares deploy's event stream and starts answering deploy's subjects under {@code root}; close it to stop. */
    public static DeployStandIn start(Connection nats, SubjectRoot root) throws IOException {
        return new DeployStandIn(nats, root);
    }

    /**
     * The live state of an app with {@code triggers} (its id, name and version), its files in namespace
     * {@code site/<appId>/v<version>}, no single-page entry, headers or redirects; {@code api}: whether the version
     * has server code. As deploy-svc, the triggers then always carry the mail fields: {@code mailAddresses} as given
     * (none when null) and {@code serverCode} equal to {@code api}.
     */
    public static LiveApp app(TriggersReply.AppTriggers triggers, boolean api) {
        TriggersReply.AppTriggers t = triggers;
        triggers = new TriggersReply.AppTriggers(
                t.appId(),
                t.name(),
                t.version(),
                t.schedules(),
                t.attempts(),
                t.backoffMillis(),
                t.concurrency(),
                t.timeoutMillis(),
                t.async(),
                t.perMinute(),
                t.burst(),
                t.maxStoredBytes(),
                t.mailAddresses() == null ? List.of() : t.mailAddresses(),
                api);
        return new LiveApp(
                new SiteReply(
                        true,
                        triggers.appId(),
                        triggers.name(),
                        triggers.version(),
                        "site/" + triggers.appId() + "/v" + triggers.version(),
                        null,
                        List.of(),
                        List.of(),
                        Instant.now(),
                        api),
                triggers);
    }

    /** Makes {@code app} the live version of its app and announces it ({@code deployed}), as a deploy does. */
    public void deploy(LiveApp app) {
        apps.put(app.appId(), app);
        announce(
                AppChanged.Change.DEPLOYED,
                app.appId(),
                List.of(app.site().name()),
                app.site().version());
    }

    /** Makes the app of {@code triggers} live with server code ({@link #app app(triggers, true)}) and announces it. */
    public void deploy(TriggersReply.AppTriggers triggers) {
        deploy(app(triggers, true));
    }

    /** Deletes the app and announces it ({@code deleted}); its env vars go with it. */
    public void delete(String appId) {
        LiveApp gone = apps.remove(appId);
        if (gone == null) {
            throw new IllegalArgumentException("no app " + appId);
        }
        envs.remove(appId);
        announce(
                AppChanged.Change.DELETED,
                appId,
                List.of(gone.site().name()),
                gone.site().version());
    }

    /** Sets the app's env vars (the whole set) without announcing it; see {@link #announce}. */
    public void env(String appId, Map<String, String> values) {
        envs.put(appId, Map.copyOf(values));
    }

    /**
     * Publishes an {@link AppChanged} of {@code change} on its event subject, as deploy-svc does after committing a
     * change; returns once deploy's stream stored it.
     */
    public void announce(AppChanged.Change change, String appId, List<String> names, int version) {
        AppChanged event = new AppChanged(UUID.randomUUID().toString(), change, appId, names, version, Instant.now());
        events.publish(DeploySubjects.appEvent(change), event, event.eventId());
    }

    /**
     * Maps (or updates) a custom domain with its verification {@code token} and announces it with {@code change}
     * ({@code mapped}, {@code verified} or {@code failed}), as deploy-svc does.
     */
    public void domain(DomainChanged.Change change, MappedDomain domain, String token) {
        domains.put(domain.domain(), domain);
        domainTokens.put(domain.domain(), token);
        announceDomain(change, domain);
    }

    /** Removes a custom domain and announces it ({@code removed}). */
    public void removeDomain(String name) {
        MappedDomain gone = domains.remove(name);
        domainTokens.remove(name);
        if (gone == null) {
            throw new IllegalArgumentException("no domain " + name);
        }
        announceDomain(DomainChanged.Change.REMOVED, gone);
    }

    private void announceDomain(DomainChanged.Change change, MappedDomain domain) {
        DomainChanged event = new DomainChanged(UUID.randomUUID().toString(), change, domain, Instant.now());
        events.publish(DeploySubjects.domainEvent(change), event, event.eventId());
    }

    /** Every request received so far, decoded, in order of arrival. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        endpoints.close();
    }

    private <T> T record(IncomingRequest request, Class<T> type) {
        T decoded = request.body(type);
        requests.add(decoded);
        return decoded;
    }

    private static RequestEndpoint endpoint(String subject, Function<IncomingRequest, Object> answer) {
        return new RequestEndpoint() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public Object handle(IncomingRequest request) {
                return answer.apply(request);
            }
        };
    }
}
