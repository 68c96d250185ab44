package fazt.gateway.doctor;

import fazt.gateway.routing.CustomDomains;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.gateway.CertificateView;
import fazt.proto.gateway.DoctorCheck;
import fazt.proto.gateway.DoctorReport;
import io.nats.client.Connection;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/doctor} (ADR 40): NATS ({@link NatsChecks}), every instance of every service with its database,
 * clock and disks ({@link InstanceCensus}, {@link InstanceChecks}), the certificates ({@link CertificateExpiry}) and
 * the custom domains' DNS ({@link DomainDns}), run in parallel; a group that has not finished within
 * {@link #DEADLINE} is a FAIL line of its own, so a run never takes longer; last, the age of the last backup
 * ({@link BackupAge}).
 */
@Singleton
public final class Doctor {
    /** The longest a whole run takes. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(Doctor.class);
    private final Connection nats;
    private final NatsRequester requester;
    private final BootstrapSettings settings;
    private final CustomDomains domains;
    private final DomainDns dns;
    private final Clock clock;

    Doctor(Connection nats, BootstrapSettings settings, CustomDomains domains, DoctorConfig config) {
        this.nats = nats;
        this.requester = new NatsRequester(nats, settings.root());
        this.settings = settings;
        this.domains = domains;
        this.dns = new DomainDns(config, settings.domain());
        this.clock = Clock.systemUTC();
    }

    /** Runs every check; {@code certificates} are the gateway's, as {@code GET /api/certificates} lists them. */
    public DoctorReport run(List<CertificateView> certificates) {
        var started = clock.instant();
        List<DoctorCheck> checks = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<List<DoctorCheck>> natsChecks = threads.submit(() -> new NatsChecks(nats, settings.root()).run());
            Future<List<DoctorCheck>> instances =
                    threads.submit(() -> InstanceChecks.of(new InstanceCensus(nats, settings.root(), clock).take()));
            Future<List<DoctorCheck>> domainChecks = threads.submit(() -> dns.check(domains.all()));
            Future<List<DoctorCheck>> backup = threads.submit(() -> BackupAge.ask(requester, clock.instant()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            checks.addAll(await(natsChecks, "nats", deadline));
            checks.addAll(await(instances, "service", deadline));
            checks.addAll(CertificateExpiry.of(certificates, clock.instant()));
            checks.addAll(await(domainChecks, "domain", deadline));
            checks.addAll(await(backup, "backup", deadline));
            threads.shutdownNow();
        }
        // Report order: by area as DoctorCheck.AREAS lists them, each area in the order its checks came.
        List<DoctorCheck> ordered = checks.stream()
                .sorted(Comparator.comparingInt(c -> DoctorCheck.AREAS.indexOf(c.area())))
                .toList();
        String status = ordered.stream().map(DoctorCheck::status).reduce(DoctorCheck.OK, DoctorCheck::worse);
        return new DoctorReport(status, started, settings.instance(), ordered);
    }

    private static List<DoctorCheck> await(Future<List<DoctorCheck>> group, String area, long deadline) {
        try {
            return group.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of(DoctorCheck.fail(area, "-", "interrupted", "run fazt doctor again"));
        } catch (TimeoutException e) {
            group.cancel(true);
            return List.of(DoctorCheck.fail(
                    area,
                    "-",
                    "the " + area + " checks did not finish within " + DEADLINE.toSeconds() + " s",
                    "run fazt doctor again; if it repeats, read the gateway's log"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("doctor checks failed area={}", area, cause);
            return List.of(DoctorCheck.fail(
                    area,
                    "-",
                    "the " + area + " checks failed: " + cause.getClass().getSimpleName(),
                    "read the gateway's log"));
        }
    }
}
