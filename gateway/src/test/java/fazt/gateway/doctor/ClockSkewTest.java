package fazt.gateway.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.doctor.InstanceCensus.Answer;
import fazt.proto.ServiceName;
import fazt.proto.doctor.SelfCheckReport;
import fazt.proto.gateway.DoctorCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clock skew between an instance and the gateway, with injected clocks: the instance's answer is compared with the
 * middle of the round trip, WARN over 1 s, FAIL over 30 s, and the report names the instance furthest off.
 */
class ClockSkewTest {
    private static final Instant SENT = Instant.parse("2026-12-08T01:00:00Z");

    @Test
    void theRoundTripIsHalvedBeforeComparing() {
        // The question left at 0 ms, the answer came back at 400 ms: a correct clock said 200 ms.
        Instant received = SENT.plusMillis(400);
        ClockSkew exact = ClockSkew.of(SENT, received, SENT.plusMillis(200), Duration.ZERO);
        assertThat(exact.offset()).isEqualTo(Duration.ZERO);
        assertThat(exact.roundTrip()).isEqualTo(Duration.ofMillis(400));
        assertThat(exact.status()).isEqualTo(DoctorCheck.OK);
        // Answering "400 ms" is only 200 ms ahead, not 400.
        assertThat(ClockSkew.of(SENT, received, received, Duration.ZERO).offset())
                .isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void theTimeTheInstanceWorkedOnTheAnswerIsTakenOutOfTheRoundTrip() {
        // 2 s round trip, of which the instance spent 1.8 s on its database before reading its clock: the way back
        // took about 100 ms, so a correct clock reads received - 100 ms. Without taking the work out, the middle of
        // the round trip would make this correct clock look 900 ms ahead (and a 2.2 s probe a WARN).
        Instant received = SENT.plusMillis(2000);
        ClockSkew exact = ClockSkew.of(SENT, received, received.minusMillis(100), Duration.ofMillis(1800));
        assertThat(exact.offset()).isEqualTo(Duration.ZERO);
        assertThat(ClockSkew.of(SENT, received, received.minusMillis(100), Duration.ZERO)
                        .offset())
                .isEqualTo(Duration.ofMillis(900));
        // An instance claiming more work than the round trip is taken at its clock against the arrival.
        assertThat(ClockSkew.of(SENT, received, received, Duration.ofSeconds(5)).offset())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void overOneSecondWarnsAndOverThirtyFailsEitherWay() {
        Instant received = SENT.plusMillis(10);
        Instant middle = SENT.plusMillis(5);
        assertThat(ClockSkew.of(SENT, received, middle.plusMillis(1000), Duration.ZERO)
                        .status())
                .isEqualTo(DoctorCheck.OK);
        assertThat(ClockSkew.of(SENT, received, middle.plusMillis(1001), Duration.ZERO)
                        .status())
                .isEqualTo(DoctorCheck.WARN);
        assertThat(ClockSkew.of(SENT, received, middle.minusSeconds(5), Duration.ZERO)
                        .status())
                .isEqualTo(DoctorCheck.WARN);
        assertThat(ClockSkew.of(SENT, received, middle.plusSeconds(30), Duration.ZERO)
                        .status())
                .isEqualTo(DoctorCheck.WARN);
        assertThat(ClockSkew.of(SENT, received, middle.plusSeconds(31), Duration.ZERO)
                        .status())
                .isEqualTo(DoctorCheck.FAIL);
        ClockSkew behind = ClockSkew.of(SENT, received, middle.minusSeconds(90), Duration.ZERO);
        assertThat(behind.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(behind.describe()).isEqualTo("90.000 s behind the gateway (round trip 10 ms)");
    }

    @Test
    void theServiceLineNamesTheInstanceFurthestOff() {
        Clock gateway = Clock.fixed(SENT, ZoneOffset.UTC);
        Instant sent = gateway.instant();
        Instant received = sent.plusMillis(20);
        List<Answer> answers = List.of(
                answer("runtime-1", sent, received, sent.plusMillis(10 + 300)),
                answer("runtime-2", sent, received, sent.plusMillis(10).minusSeconds(45)),
                answer("runtime-3", sent, received, sent.plusMillis(10 + 2000)));

        DoctorCheck check = InstanceChecks.clock(ServiceName.RUNTIME, answers);

        assertThat(check.status()).isEqualTo(DoctorCheck.FAIL);
        assertThat(check.name()).isEqualTo("runtime/runtime-2");
        assertThat(check.measured()).startsWith("45.000 s behind the gateway");
        assertThat(check.advice()).contains("clock");
        assertThat(InstanceChecks.clock(ServiceName.RUNTIME, answers.subList(0, 1)))
                .extracting(DoctorCheck::status, DoctorCheck::name)
                .containsExactly(DoctorCheck.OK, "runtime");
    }

    static Answer answer(String instance, Instant sent, Instant received, Instant remoteNow) {
        return new Answer(
                new SelfCheckReport(
                        "runtime",
                        instance,
                        "1.0.0",
                        remoteNow,
                        0,
                        new SelfCheckReport.DatabaseProbe(true, "15.8", 1L << 20, 1L, null),
                        List.of()),
                sent,
                received);
    }
}
