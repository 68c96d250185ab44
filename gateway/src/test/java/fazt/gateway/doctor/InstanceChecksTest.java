package fazt.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.doctor.InstanceCensus.Answer;
import fazt.gateway.doctor.InstanceCensus.Pinged;
import fazt.proto.ServiceName;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.doctor.SelfCheckReport.DatabaseProbe;
import fazt.proto.doctor.SelfCheckReport.DiskProbe;
import fazt.proto.gateway.DoctorCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Version skew between instances, silent instances, databases and disks, from answers as the census hears them. */
class InstanceChecksTest {
    private static final Instant T = Instant.parse("2026-12-08T01:00:00Z");

    @Test
    void instancesInTwoVersionsWarnWithTheCountOfEach() {
        List<Answer> answers = List.of(
                answer("r1", "1.2.0", db(true, "15.8"), List.of()),
                answer("r2", "1.2.0", db(true, "15.8"), List.of()),
                answer("r3", "1.1.0", db(true, "15.8"), List.of()));

        List<DoctorCheck> checks = InstanceChecks.presence(ServiceName.RUNTIME, answers, List.of());

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(DoctorCheck.WARN);
            assertThat(c.measured()).isEqualTo("3 instances in 2 versions: 1.1.0 (1), 1.2.0 (2)");
            assertThat(c.advice()).contains("upgrade");
        });
    }

    @Test
    void anInstanceOnNatsWithoutASelfCheckAnswerFailsByName() {
        List<Answer> answers = List.of(answer("r1", "1.2.0", db(true, "15.8"), List.of()));
        List<Pinged> pinged =
                List.of(new Pinged(ServiceName.RUNTIME, "r1", "1.2.0"), new Pinged(ServiceName.RUNTIME, "r2", "1.2.0"));

        List<DoctorCheck> checks = InstanceChecks.presence(ServiceName.RUNTIME, answers, pinged);

        assertThat(checks)
                .extracting(DoctorCheck::status, DoctorCheck::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DoctorCheck.FAIL, "runtime/r2"),
                        org.assertj.core.groups.Tuple.tuple(DoctorCheck.OK, "runtime"));
        assertThat(InstanceChecks.presence(ServiceName.RUNTIME, List.of(), pinged))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(DoctorCheck.FAIL);
                    assertThat(c.measured()).isEqualTo("on NATS ($SRV.PING): r1, r2; no self-check answer within 2 s");
                });
        assertThat(InstanceChecks.presence(ServiceName.MAIL, List.of(), List.of()))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(DoctorCheck.FAIL);
                    assertThat(c.measured()).isEqualTo("no instance answered within 2 s");
                    assertThat(c.advice()).contains("mail-svc");
                });
    }

    @Test
    void anUnreachableDatabaseFailsAndAnOldPostgresWarns() {
        DoctorCheck down = InstanceChecks.database(
                ServiceName.DEPLOY,
                List.of(
                        answer("d1", "1", db(true, "15.8"), List.of()),
                        answer(
                                "d2",
                                "1",
                                new DatabaseProbe(false, null, null, null, "unreachable (SQLState 08001)"),
                                List.of())));
        assertThat(down.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(down.name()).isEqualTo("deploy/d2");
        assertThat(down.measured()).isEqualTo("unreachable (SQLState 08001)");

        assertThat(InstanceChecks.database(ServiceName.DEPLOY, List.of(answer("d1", "1", db(true, "13.4"), List.of())))
                        .status())
                .isEqualTo(DoctorCheck.WARN);
        assertThat(InstanceChecks.database(ServiceName.DEPLOY, List.of(answer("d1", "1", db(true, "16.2"), List.of())))
                        .measured())
                .isEqualTo("PostgreSQL 16.2, 9.0 MB, round trip 3 ms");
    }

    @Test
    void fullOrUnwritablePathsAreNamedAndHealthyOnesAreOneLine() {
        long gib = 1L << 30;
        List<DoctorCheck> checks = DiskSpace.of(
                ServiceName.AUTH,
                List.of(answer(
                        "a1",
                        "1",
                        db(true, "15.8"),
                        List.of(
                                new DiskProbe("temporary files", "/tmp", 100 * gib, 50 * gib, true, null),
                                new DiskProbe("secrets", "/var/lib/fazt/auth", 100 * gib, 2 * gib, true, null),
                                new DiskProbe("NATS seed", "/run/auth.nk", 100 * gib, 10L << 20, true, null),
                                new DiskProbe("spool", "/spool", null, null, false, "does not exist")))));
        assertThat(checks)
                .extracting(DoctorCheck::status, DoctorCheck::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DoctorCheck.WARN, "auth/a1 secrets"),
                        org.assertj.core.groups.Tuple.tuple(DoctorCheck.FAIL, "auth/a1 NATS seed"),
                        org.assertj.core.groups.Tuple.tuple(DoctorCheck.FAIL, "auth/a1 spool"));

        assertThat(DiskSpace.of(
                        ServiceName.AUTH,
                        List.of(answer(
                                "a1",
                                "1",
                                db(true, "15.8"),
                                List.of(new DiskProbe("temporary files", "/tmp", 100 * gib, 50 * gib, true, null))))))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(DoctorCheck.OK);
                    assertThat(c.measured()).isEqualTo("1 path, least free /tmp: 50.0 GB of 100.0 GB");
                });
    }

    private static DatabaseProbe db(boolean reachable, String version) {
        return new DatabaseProbe(reachable, version, 9L << 20, 3L, null);
    }

    private static Answer answer(String instance, String version, DatabaseProbe db, List<DiskProbe> disks) {
        return new Answer(new SelfCheckReport("x", instance, version, T, 0, db, disks), T, T.plusMillis(4));
    }
}
