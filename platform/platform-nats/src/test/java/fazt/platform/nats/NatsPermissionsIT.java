package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.NatsRoles;
import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.storage.StorageSubjects;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 31 against a real authorising nats-server running the configuration provision writes: with each service's
 * credentials, every subject of shared-proto its role does not allow is refused (publish and subscribe), the requests
 * it may make reach the service that answers them and the answer comes back on its own inbox; and another
 * installation's account sees nothing of this one.
 */
class NatsPermissionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] PAYLOAD = "{}".getBytes(StandardCharsets.UTF_8);

    private static AuthorisingNatsServer server;
    private static SubjectRoot root;
    private static Set<String> subjects;
    private static final Map<ServiceName, Connection> connections = new EnumMap<>(ServiceName.class);
    private static final Map<ServiceName, List<String>> errors = new EnumMap<>(ServiceName.class);

    @BeforeAll
    static void start() throws Exception {
        root = new SubjectRoot("permtest");
        server = AuthorisingNatsServer.start(root);
        subjects = ProtoSubjects.all();
        for (ServiceName service : ServiceName.values()) {
            List<String> seen = new CopyOnWriteArrayList<>();
            errors.put(service, seen);
            Options options = new Options.Builder(
                            NatsConnector.options(server.url(), "test-" + service.id(), server.identity(service)))
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            seen.add(error);
                        }
                    })
                    .build();
            connections.put(service, Nats.connect(options));
        }
        // Every service answers its own requests, as its endpoints do.
        for (ServiceName service : ServiceName.values()) {
            Connection own = connections.get(service);
            own.createDispatcher(m -> {
                        if (m.getReplyTo() != null) {
                            own.publish(
                                    m.getReplyTo(),
                                    (service.id() + " " + m.getSubject()).getBytes(StandardCharsets.UTF_8));
                        }
                    })
                    .subscribe(root.qualify(SubjectGrammar.REQUEST + "." + service.id() + ".>"), service.queueGroup());
            own.flush(WAIT);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection connection : connections.values()) {
            connection.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCatalogueOfSubjectsComesFromSharedProtoAndCoversEveryKind() {
        assertThat(subjects)
                .contains(DeploySubjects.ENV_GET, RuntimeSubjects.INVOKE, "svc.gateway.admin", "evt.auth.token.revoked")
                .anyMatch(s -> s.startsWith("log.app."))
                .anyMatch(s -> s.startsWith("work.scheduler."))
                .anyMatch(s -> s.startsWith("inbox.runtime."))
                .hasSizeGreaterThan(60);
    }

    @Test
    void everySubjectAServiceMustNotPublishToIsRefusedAndNoAllowedOneIs() throws Exception {
        for (ServiceName service : ServiceName.values()) {
            NatsRoles.Role role = NatsRoles.of(service);
            Connection nats = connections.get(service);
            List<String> refused = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            for (String subject : subjects) {
                String qualified = root.qualify(subject);
                (allows(role.publish(root), qualified) ? allowed : refused).add(qualified);
                nats.publish(qualified, PAYLOAD);
            }
            nats.flush(WAIT);
            awaitViolations(service, "Publish", refused);
            for (String subject : allowed) {
                assertThat(errors.get(service))
                        .as("%s may publish to %s", service, subject)
                        .noneMatch(e -> e.contains("Publish to \"" + subject + "\""));
            }
            assertThat(refused).as("what %s may not publish to", service).isNotEmpty();
        }
    }

    @Test
    void everySubjectAServiceMustNotSubscribeToIsRefusedAndNoAllowedOneIs() throws Exception {
        for (ServiceName service : ServiceName.values()) {
            NatsRoles.Role role = NatsRoles.of(service);
            Connection nats = connections.get(service);
            List<String> refused = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            List<Subscription> subscriptions = new ArrayList<>();
            for (String subject : subjects) {
                String qualified = root.qualify(subject);
                (allows(role.subscribe(root), qualified) ? allowed : refused).add(qualified);
                subscriptions.add(nats.subscribe(qualified));
            }
            nats.flush(WAIT);
            awaitViolations(service, "Subscription", refused);
            for (String subject : allowed) {
                assertThat(errors.get(service))
                        .as("%s may subscribe to %s", service, subject)
                        .noneMatch(e -> e.contains("Subscription to \"" + subject + "\""));
            }
            subscriptions.forEach(Subscription::unsubscribe);
        }
    }

    @Test
    void theRequestsARoleAllowsReachTheirServiceAndTheAnswerComesBackOnTheCallersOwnInbox() throws Exception {
        int calls = 0;
        for (ServiceName service : ServiceName.values()) {
            Connection nats = connections.get(service);
            for (String subject : subjects) {
                String qualified = root.qualify(subject);
                if (!subject.startsWith(SubjectGrammar.REQUEST + ".")
                        || !allows(NatsRoles.of(service).publish(root), qualified)) {
                    continue;
                }
                Message reply = nats.request(qualified, PAYLOAD, WAIT);
                assertThat(reply).as("%s asking %s", service, subject).isNotNull();
                assertThat(reply.getSubject()).startsWith(root.qualify(SubjectGrammar.inbox(service)) + ".");
                calls++;
            }
        }
        assertThat(calls).isGreaterThan(30);
    }

    @Test
    void onlyRuntimeMayAskForEnvValuesOnlyTheGatewayForAdminAndOnlyAuthPublishesAuthEvents() {
        for (ServiceName service : ServiceName.values()) {
            var publish = NatsRoles.of(service).publish(root);
            assertThat(allows(publish, root.qualify(DeploySubjects.ENV_GET))).isEqualTo(service == ServiceName.RUNTIME);
            assertThat(allows(publish, root.qualify("svc.deploy.admin"))).isEqualTo(service == ServiceName.GATEWAY);
            assertThat(allows(publish, root.qualify("evt.auth.token.revoked"))).isEqualTo(service == ServiceName.AUTH);
            assertThat(allows(publish, root.qualify(RuntimeSubjects.INVOKE)))
                    .isEqualTo(service == ServiceName.GATEWAY || service == ServiceName.SCHEDULER);
        }
    }

    @Test
    void onlySchedulerMayStartAScheduledBackup() {
        for (ServiceName service : ServiceName.values()) {
            assertThat(allows(NatsRoles.of(service).publish(root), root.qualify(StorageSubjects.BACKUP_START)))
                    .as("%s starting a scheduled backup", service)
                    .isEqualTo(service == ServiceName.SCHEDULER);
        }
    }

    @Test
    void onlyTheGatewayAsksEveryServiceForItsSelfCheckAndPingsEveryInstance() {
        for (ServiceName service : ServiceName.values()) {
            var publish = NatsRoles.of(service).publish(root);
            var subscribe = NatsRoles.of(service).subscribe(root);
            for (ServiceName other : ServiceName.values()) {
                assertThat(allows(publish, root.qualify(DoctorSubjects.of(other))))
                        .as("%s asking %s for its self-check", service, other)
                        .isEqualTo(service == ServiceName.GATEWAY);
                assertThat(allows(subscribe, root.qualify(DoctorSubjects.of(other))))
                        .as("%s answering %s's self-check", service, other)
                        .isEqualTo(service == other);
            }
            assertThat(allows(publish, NatsRoles.DOCTOR_PING)).isEqualTo(service == ServiceName.GATEWAY);
        }
    }

    @Test
    void noServiceMaySubscribeToAnotherServicesInboxNorToEveryInbox() throws Exception {
        Connection gateway = connections.get(ServiceName.GATEWAY);
        String everyInbox = root.qualify(SubjectGrammar.INBOX + ".>");
        String runtimeInbox = root.qualify(NatsRoles.inboxOf(ServiceName.RUNTIME));
        gateway.subscribe(everyInbox);
        gateway.subscribe(runtimeInbox);
        gateway.subscribe("_INBOX.>");
        gateway.flush(WAIT);
        awaitViolations(ServiceName.GATEWAY, "Subscription", List.of(everyInbox, runtimeInbox, "_INBOX.>"));
    }

    @Test
    void heartbeatsAndBodyStreamPullsReachTheInboxOfTheServiceThatAskedForThem() throws Exception {
        Connection gateway = connections.get(ServiceName.GATEWAY);
        Connection runtime = connections.get(ServiceName.RUNTIME);
        String progress = PeerInboxes.progress(gateway) + ".1";
        assertThat(progress).startsWith(root.qualify("inbox.gateway.beat."));
        Subscription beats = gateway.subscribe(progress);
        gateway.flush(WAIT);
        runtime.publish(progress, new byte[0]);
        assertThat(beats.nextMessage(WAIT)).isNotNull();

        String stream = PeerInboxes.bodyStreams(runtime) + ".1";
        runtime.createDispatcher(m -> runtime.publish(m.getReplyTo(), "chunk".getBytes(StandardCharsets.UTF_8)))
                .subscribe(stream);
        runtime.flush(WAIT);
        assertThat(new String(gateway.request(stream, new byte[0], WAIT).getData(), StandardCharsets.UTF_8))
                .isEqualTo("chunk");
    }

    @Test
    void anotherInstallationsCredentialsSeeNothingOfThisOne() throws Exception {
        Options options = Options.builder()
                .server(server.url())
                .authHandler(Nats.staticCredentials(null, server.otherSeed()))
                .build();
        try (Connection other = Nats.connect(options)) {
            Subscription everything = other.subscribe(">");
            other.flush(WAIT);
            Connection runtime = connections.get(ServiceName.RUNTIME);
            assertThat(runtime.request(root.qualify(DeploySubjects.ENV_GET), PAYLOAD, WAIT))
                    .isNotNull();
            runtime.publish(root.qualify(RuntimeSubjects.appLog("sample")), PAYLOAD);
            runtime.flush(WAIT);
            other.flush(WAIT);
            assertThat(everything.getPendingMessageCount()).isZero();
            everything.unsubscribe();

            // Nothing of this installation answers the other's requests, even on this installation's subjects.
            assertThatThrownBy(() -> other.request(root.qualify(DeploySubjects.ENV_GET), PAYLOAD)
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(CancellationException.class);
        }
    }

    private static void awaitViolations(ServiceName service, String kind, List<String> subjects)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> missing = missing(service, kind, subjects);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            missing = missing(service, kind, subjects);
        }
        assertThat(missing)
                .as("subjects %s may not use (%s) but the server did not refuse", service, kind)
                .isEmpty();
    }

    private static List<String> missing(ServiceName service, String kind, List<String> subjects) {
        List<String> seen = errors.get(service);
        return subjects.stream()
                .filter(s -> seen.stream().noneMatch(e -> e.contains(kind + " to \"" + s + "\"")))
                .toList();
    }

    /** Whether one of the NATS subject patterns matches {@code subject} ({@code *} one token, {@code >} the rest). */
    static boolean allows(List<String> patterns, String subject) {
        return patterns.stream().anyMatch(p -> matches(p, subject));
    }

    static boolean matches(String pattern, String subject) {
        String[] p = pattern.split("\\.");
        String[] s = subject.split("\\.");
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return s.length > i;
            }
            if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
                return false;
            }
        }
        return p.length == s.length;
    }
}
