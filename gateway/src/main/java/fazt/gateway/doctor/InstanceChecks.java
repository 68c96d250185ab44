package fazt.gateway.doctor;

import fazt.gateway.doctor.InstanceCensus.Answer;
import fazt.gateway.doctor.InstanceCensus.Census;
import fazt.gateway.doctor.InstanceCensus.Pinged;
import fazt.proto.ServiceName;
import fazt.proto.doctor.DoctorSubjects;
import fazt.proto.doctor.SelfCheckReport.DatabaseProbe;
import fazt.proto.gateway.DoctorCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the {@link Census} says, per service: whether it runs and in one version (service), its database, each
 * instance's clock against the gateway's ({@link ClockSkew}) and the local paths each instance needs ({@link DiskSpace}).
 */
final class InstanceChecks {
    /** The PostgreSQL major version fazt is built and tested on. */
    static final int POSTGRES_MAJOR = 15;

    private InstanceChecks() {}

    static List<DoctorCheck> of(Census census) {
        List<DoctorCheck> services = new ArrayList<>();
        List<DoctorCheck> databases = new ArrayList<>();
        List<DoctorCheck> clocks = new ArrayList<>();
        List<DoctorCheck> disks = new ArrayList<>();
        for (ServiceName service : ServiceName.values()) {
            List<Answer> answers = census.answers().getOrDefault(service, List.of());
            List<Pinged> pinged = census.pinged(service);
            services.addAll(presence(service, answers, pinged));
            if (!answers.isEmpty()) {
                databases.add(database(service, answers));
                clocks.add(clock(service, answers));
                disks.addAll(DiskSpace.of(service, answers));
            }
        }
        List<DoctorCheck> all = new ArrayList<>(services);
        all.addAll(databases);
        all.addAll(clocks);
        all.addAll(disks);
        return all;
    }

    /** Whether the service runs, every instance it has on NATS answered, and they all run one version. */
    static List<DoctorCheck> presence(ServiceName service, List<Answer> answers, List<Pinged> pinged) {
        String name = service.id();
        long window = DoctorSubjects.TIMEOUT.toSeconds();
        if (answers.isEmpty()) {
            return List.of(
                    pinged.isEmpty()
                            ? DoctorCheck.fail(
                                    "service",
                                    name,
                                    "no instance answered within " + window + " s",
                                    "start " + processName(service) + " and read its log (scripts/stack logs " + name
                                            + ", or docker compose logs " + processName(service) + ")")
                            : DoctorCheck.fail(
                                    "service",
                                    name,
                                    "on NATS ($SRV.PING): "
                                            + pinged.stream()
                                                    .map(Pinged::instance)
                                                    .collect(Collectors.joining(", "))
                                            + "; no self-check answer within " + window + " s",
                                    "the service is stuck or overloaded: read its log, then restart it"));
        }
        List<DoctorCheck> checks = new ArrayList<>();
        Set<String> answered = answers.stream().map(a -> a.report().instance()).collect(Collectors.toSet());
        for (Pinged p : pinged) {
            if (!answered.contains(p.instance())) {
                checks.add(DoctorCheck.fail(
                        "service",
                        name + "/" + p.instance(),
                        "on NATS but no self-check answer within " + window + " s",
                        "this instance is stuck: read its log, then restart it"));
            }
        }
        Map<String, Integer> versions = new TreeMap<>();
        answers.forEach(a -> versions.merge(String.valueOf(a.report().version()), 1, Integer::sum));
        Set<String> instances = new TreeSet<>(answered);
        if (versions.size() > 1) {
            checks.add(DoctorCheck.warn(
                    "service",
                    name,
                    answers.size() + " instances in " + versions.size() + " versions: "
                            + versions.entrySet().stream()
                                    .map(e -> e.getKey() + " (" + e.getValue() + ")")
                                    .collect(Collectors.joining(", ")),
                    "finish the upgrade: restart the instances still on the older version"));
        } else {
            checks.add(DoctorCheck.ok(
                    "service",
                    name,
                    (answers.size() == 1 ? "1 instance (" : answers.size() + " instances (")
                            + String.join(", ", instances) + "), version "
                            + versions.keySet().iterator().next()));
        }
        return checks;
    }

    /** The service's database, as its instances reach it: FAIL when any cannot, WARN on an older PostgreSQL. */
    static DoctorCheck database(ServiceName service, List<Answer> answers) {
        for (Answer a : answers) {
            DatabaseProbe db = a.report().database();
            if (db == null || !db.reachable()) {
                return DoctorCheck.fail(
                        "database",
                        service.id() + "/" + a.report().instance(),
                        db == null ? "no database answer" : db.error(),
                        "check that PostgreSQL runs and FAZT_DB_URL and the service's password are right; read the"
                                + " service's log");
            }
        }
        DatabaseProbe db = answers.getFirst().report().database();
        long slowest = answers.stream()
                .mapToLong(a -> a.report().database().roundTripMillis())
                .max()
                .orElse(0);
        String measured = "PostgreSQL " + db.version() + ", " + DiskSpace.bytes(db.sizeBytes()) + ", round trip "
                + slowest + " ms";
        if (major(db.version()) < POSTGRES_MAJOR) {
            return DoctorCheck.warn(
                    "database", service.id(), measured, "upgrade PostgreSQL to " + POSTGRES_MAJOR + " or newer");
        }
        return DoctorCheck.ok("database", service.id(), measured);
    }

    /** The instance whose clock is furthest from the gateway's. */
    static DoctorCheck clock(ServiceName service, List<Answer> answers) {
        Answer worst = null;
        ClockSkew worstSkew = null;
        for (Answer a : answers) {
            ClockSkew skew = ClockSkew.of(
                    a.sentAt(),
                    a.receivedAt(),
                    a.report().now(),
                    Duration.ofMillis(a.report().tookMillis()));
            if (worstSkew == null
                    || skew.offset().abs().compareTo(worstSkew.offset().abs()) > 0) {
                worst = a;
                worstSkew = skew;
            }
        }
        String name = answers.size() == 1
                ? service.id()
                : service.id() + "/" + worst.report().instance();
        String measured = worstSkew.describe();
        return switch (worstSkew.status()) {
            case DoctorCheck.OK -> DoctorCheck.ok("clock", name, measured);
            case DoctorCheck.WARN ->
                DoctorCheck.warn(
                        "clock",
                        name,
                        measured,
                        "run time synchronisation (chrony, systemd-timesyncd) on this instance's host");
            default ->
                DoctorCheck.fail(
                        "clock",
                        name,
                        measured,
                        "fix this host's clock now (chrony, systemd-timesyncd): sign-ins and certificates depend on it");
        };
    }

    static String processName(ServiceName service) {
        return service == ServiceName.GATEWAY ? "gateway" : service.id() + "-svc";
    }

    private static int major(String version) {
        if (version == null) {
            return 0;
        }
        try {
            return Integer.parseInt(version.strip().split("[.\\s]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
