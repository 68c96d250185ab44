package fazt.proto;

import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.backup.BackupSubjects;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.gateway.GatewaySubjects;
import fazt.proto.health.HealthSubjects;
import fazt.proto.mail.MailSubjects;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.proto.storage.StorageSubjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What each service may do on NATS (ADR 31): the subjects it may publish to and subscribe to, declared once, next to
 * the subjects themselves. {@code fazt-server provision} turns the table into the users of the installation's NATS
 * account; the server refuses everything else.
 *
 * <p>Every service subscribes to its own requests ({@code svc.<itself>.>}), its own inbox space
 * ({@code inbox.<itself>.>}: replies, body streams, heartbeats) and the ADR-32 discovery subjects; it publishes its own
 * events, work and dead letters, the requests it makes, and answers the requests it gets (NATS
 * {@code allow_responses}). Events from JetStream consumers arrive on the consumer's inbox, so {@link Role#consumes()}
 * needs no subscription of its own; it lists what the service reads, for the reader. Subjects here are without the
 * root; those starting with {@code $} are NATS's own and take none.
 *
 * <p>Rules the table keeps (and {@code NatsPermissionsIT} checks against a real server): only runtime-svc may ask for
 * env values; only the gateway may send admin requests and invocations from outside (scheduler-svc invokes for its
 * background triggers); only auth-svc may publish auth events; only scheduler-svc may start
 * a scheduled backup ({@code svc.storage.backup.start}); no service may subscribe to another's inbox.
 */
public final class NatsRoles {
    /** JetStream's API; coarse (any stream of the account), see ADR 31. */
    public static final String JETSTREAM_API = "$JS.API.>";
    /** JetStream acknowledgements of consumed messages. */
    public static final String JETSTREAM_ACK = "$JS.ACK.>";
    /** JetStream flow-control answers of push (ordered) consumers. */
    public static final String JETSTREAM_FLOW = "$JS.FC.>";
    /** ADR-32 discovery ({@code $SRV.PING|INFO|STATS}), answered by every service. */
    public static final String DISCOVERY = "$SRV.>";
    /** The ADR-32 ping of every service, which the gateway sends for {@code fazt doctor} (ADR 40). */
    public static final String DOCTOR_PING = "$SRV.PING";

    /**
     * One service's rights.
     *
     * @param service   whose
     * @param publish   subjects it may publish to (requests it makes, its events, inboxes it answers into)
     * @param subscribe subjects it may subscribe to
     * @param consumes  event, log and work subjects it reads through JetStream consumers (documentation)
     */
    public record Role(ServiceName service, List<String> publish, List<String> subscribe, List<String> consumes) {
        public Role {
            publish = List.copyOf(publish);
            subscribe = List.copyOf(subscribe);
            consumes = List.copyOf(consumes);
        }

        /** {@link #publish()} with {@code root} in front of fazt's subjects. */
        public List<String> publish(SubjectRoot root) {
            return qualified(publish, root);
        }

        /** {@link #subscribe()} with {@code root} in front of fazt's subjects. */
        public List<String> subscribe(SubjectRoot root) {
            return qualified(subscribe, root);
        }

        private static List<String> qualified(List<String> subjects, SubjectRoot root) {
            return subjects.stream()
                    .map(s -> s.startsWith("$") ? s : root.qualify(s))
                    .toList();
        }
    }

    private static final Map<ServiceName, Role> ROLES = new EnumMap<>(ServiceName.class);

    static {
        role(
                ServiceName.GATEWAY,
                publishes(
                        List.of(RuntimeSubjects.INVOKE),
                        everyService(AdminSubjects::of),
                        everyService(HealthSubjects::of),
                        // fazt doctor (ADR 40): every instance's self-check, and the instances' list.
                        everyService(DoctorSubjects::of),
                        List.of(DOCTOR_PING),
                        List.of(
                                AuthSubjects.TOKEN_VERIFY,
                                AuthSubjects.APP_LOGIN,
                                AuthSubjects.APP_SESSION,
                                DeploySubjects.SITE_GET,
                                DeploySubjects.DOMAINS_GET,
                                DeploySubjects.DOMAIN_CHALLENGE,
                                SchedulerSubjects.ASYNC_ENQUEUE,
                                SchedulerSubjects.HOOK_RECEIVE,
                                SchedulerSubjects.RUN_STATUS,
                                StorageSubjects.VFS_STAT,
                                // fazt doctor's backup age (ADR 40).
                                StorageSubjects.BACKUP_LATEST,
                                GatewaySubjects.CERTIFICATE_ISSUED,
                                GatewaySubjects.CHALLENGE_CHANGED,
                                // A request lost with its runtime instance shows in the app's log and requests.
                                RuntimeSubjects.APP_LOG_ALL,
                                RuntimeSubjects.INVOCATIONS_ALL),
                        blobs(),
                        // Pulls of the response body streams runtime-svc holds.
                        List.of(bodyStreamsOf(ServiceName.RUNTIME))),
                List.of(
                        GatewaySubjects.CERTIFICATE_ISSUED,
                        GatewaySubjects.CHALLENGE_CHANGED,
                        DeploySubjects.DOMAIN_EVENTS),
                List.of(AuthSubjects.EVENTS, DeploySubjects.APP_EVENTS, DeploySubjects.DOMAIN_EVENTS));
        role(
                ServiceName.AUTH,
                publishes(List.of(eventsOf(ServiceName.AUTH), DeploySubjects.APPS_OWNED)),
                List.of(),
                List.of(DeploySubjects.APP_EVENTS));
        role(
                ServiceName.DEPLOY,
                publishes(
                        List.of(
                                eventsOf(ServiceName.DEPLOY),
                                RuntimeSubjects.CHECK,
                                StorageSubjects.VFS_STAT,
                                StorageSubjects.VFS_LIST,
                                StorageSubjects.VFS_COMMIT,
                                StorageSubjects.VFS_DROP),
                        blobs()),
                List.of(),
                List.of());
        role(
                ServiceName.STORAGE,
                publishes(
                        List.of(StorageSubjects.KV_CHANGED),
                        // The backup coordinator (ADR 39): every schema's export and import, and pulls of the parts.
                        BackupSubjects.SERVICES.stream()
                                .map(BackupSubjects::exportOf)
                                .toList(),
                        BackupSubjects.SERVICES.stream()
                                .map(BackupSubjects::importOf)
                                .toList(),
                        BackupSubjects.SERVICES.stream()
                                .map(NatsRoles::bodyStreamsOf)
                                .toList(),
                        // An archive made with the master key: deploy-svc seals it with the passphrase.
                        List.of(BackupSubjects.MASTER_KEY)),
                List.of(),
                List.of(DeploySubjects.APP_EVENTS));
        role(
                ServiceName.RUNTIME,
                publishes(
                        List.of(
                                DeploySubjects.SITE_GET,
                                DeploySubjects.ENV_GET,
                                RuntimeSubjects.APP_LOG_ALL,
                                RuntimeSubjects.INVOCATIONS_ALL,
                                StorageSubjects.VFS_LIST,
                                StorageSubjects.KV_GET,
                                StorageSubjects.KV_PUT,
                                StorageSubjects.KV_DELETE,
                                StorageSubjects.KV_LIST,
                                StorageSubjects.DB_INSERT,
                                StorageSubjects.DB_GET,
                                StorageSubjects.DB_FIND,
                                StorageSubjects.DB_UPDATE,
                                StorageSubjects.DB_DELETE,
                                StorageSubjects.DB_COUNT,
                                StorageSubjects.FILES_PUT,
                                StorageSubjects.FILES_STAT,
                                StorageSubjects.FILES_LIST,
                                StorageSubjects.FILES_DELETE,
                                MailSubjects.MESSAGE_GET,
                                MailSubjects.MESSAGE_PART,
                                MailSubjects.MESSAGE_REJECT,
                                MailSubjects.SEND),
                        blobs(),
                        // Heartbeats to the invoker, and pulls of the request body streams the gateway holds.
                        List.of(
                                progressOf(ServiceName.GATEWAY),
                                bodyStreamsOf(ServiceName.GATEWAY),
                                progressOf(ServiceName.SCHEDULER))),
                // The KV read cache's invalidations (ADR 36).
                List.of(StorageSubjects.KV_CHANGED),
                List.of(DeploySubjects.APP_EVENTS));
        role(
                ServiceName.SCHEDULER,
                publishes(List.of(
                        eventsOf(ServiceName.SCHEDULER),
                        SchedulerSubjects.WORK,
                        RuntimeSubjects.INVOKE,
                        DeploySubjects.SITE_GET,
                        DeploySubjects.TRIGGERS_GET,
                        // Scheduled backups (FAZT_BACKUP_CRON): only scheduler-svc may start one over NATS.
                        StorageSubjects.BACKUP_START)),
                List.of(RuntimeSubjects.APP_LOG_ALL),
                List.of(DeploySubjects.APP_EVENTS, SchedulerSubjects.WORK));
        role(
                ServiceName.MAIL,
                publishes(
                        List.of(
                                eventsOf(ServiceName.MAIL),
                                MailSubjects.WORK,
                                SchedulerSubjects.EMAIL_ENQUEUE,
                                GatewaySubjects.CERTIFICATE_GET,
                                DeploySubjects.SITE_GET,
                                DeploySubjects.DOMAINS_GET,
                                DeploySubjects.TRIGGERS_GET),
                        blobs()),
                List.of(),
                List.of(
                        DeploySubjects.APP_EVENTS,
                        DeploySubjects.DOMAIN_EVENTS,
                        GatewaySubjects.CERTIFICATE_ISSUED,
                        MailSubjects.WORK));
    }

    private NatsRoles() {}

    /** The rights of {@code service}. */
    public static Role of(ServiceName service) {
        return ROLES.get(service);
    }

    /** The rights of every service, in {@link ServiceName} order. */
    public static List<Role> all() {
        return Arrays.stream(ServiceName.values()).map(NatsRoles::of).toList();
    }

    /** {@code inbox.<service>.>}: everything addressed to a service's inbox space. */
    public static String inboxOf(ServiceName service) {
        return SubjectGrammar.inbox(service) + ".>";
    }

    /**
     * {@code inbox.<service>.body.>}: the body streams {@code service} holds. A right to publish into another service's
     * inbox stays this narrow, never its whole inbox space: a reply to a request that service made must not be covered
     * by an explicit right, or nats-server never consumes the reply's {@code allow_responses} entry and scans an
     * ever larger table on every message it delivers (ADR 37).
     */
    public static String bodyStreamsOf(ServiceName service) {
        return SubjectGrammar.bodyStreams(service) + ".>";
    }

    /** {@code inbox.<service>.beat.>}: the progress inboxes of the invocations {@code service} made (ADR 37). */
    public static String progressOf(ServiceName service) {
        return SubjectGrammar.progress(service) + ".>";
    }

    /** {@code evt.<service>.>}: a service's events. */
    public static String eventsOf(ServiceName service) {
        return SubjectGrammar.EVENT + "." + service.id() + ".>";
    }

    private static void role(ServiceName service, List<String> publish, List<String> subscribe, List<String> consumes) {
        List<String> pub = new ArrayList<>(publish);
        // Dead letters of its own consumers (ADR 25); the JetStream API and acknowledgements (coarse, ADR 31).
        pub.add(SubjectGrammar.DEAD_LETTER + "." + service.id() + ".>");
        pub.addAll(List.of(JETSTREAM_API, JETSTREAM_ACK, JETSTREAM_FLOW));
        if (BackupSubjects.SERVICES.contains(service) && !pub.contains(bodyStreamsOf(ServiceName.STORAGE))) {
            // A restore: the service pulls its part from the body stream the backup coordinator holds (ADR 39).
            pub.add(bodyStreamsOf(ServiceName.STORAGE));
        }
        List<String> sub = new ArrayList<>();
        sub.add(SubjectGrammar.REQUEST + "." + service.id() + ".>");
        sub.add(inboxOf(service));
        sub.add(DISCOVERY);
        sub.addAll(subscribe);
        ROLES.put(service, new Role(service, pub, sub, consumes));
    }

    @SafeVarargs
    /**
     * The subjects a role publishes to, plus what every service asks: auth-svc's public keys, which every admin
     * handler checks principals with (ADR 32); only auth-svc may answer them.
     */
    private static List<String> publishes(List<String>... parts) {
        return Stream.concat(Stream.of(List.of(AuthSubjects.PRINCIPAL_KEYS)), Stream.of(parts))
                .flatMap(List::stream)
                .distinct()
                .toList();
    }

    private static List<String> everyService(java.util.function.Function<ServiceName, String> subject) {
        return Arrays.stream(ServiceName.values()).map(subject).toList();
    }

    /** Storage's blob protocol (platform-blobs): upload, check and read content-addressed bytes. */
    private static List<String> blobs() {
        return List.of(StorageSubjects.BLOB_WRITE, StorageSubjects.BLOB_MISSING, StorageSubjects.BLOB_READ);
    }
}
