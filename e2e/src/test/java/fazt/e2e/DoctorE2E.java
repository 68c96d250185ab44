package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fazt doctor} as a user runs it, against the split suite on a NATS server that enforces each service's role
 * (ADR 31): a new installation warns that it was never backed up; once backed up, a healthy installation is all OK
 * and exits 0; with mail-svc stopped (its supervisor first, so it stays
 * down) the report names it and exits 1; and an admin API nobody answers is one FAIL line and exit 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorE2E {
    @RegisterExtension
    static final RunningStack suite =
            RunningStack.split().env("FAZT_NATS_MANAGED", "1").env("FAZT_NATS_PORT", Integer.toString(freePort()));

    @Test
    @Order(1)
    void aHealthyInstallationIsAllOkAndExitsZero() throws Exception {
        Cli cli = Cli.loggedIn(suite.stack(), suite.edge());
        Stack.Result before = cli.run("doctor");
        assertThat(checkLines(before.output()))
                .as("a new installation was never backed up: " + before.output())
                .anyMatch(l -> l.matches("WARN +backup +last backup +no backup yet"));
        Stack.Result backup = cli.run("backup", "create");
        assertThat(backup.exitCode()).as(backup.output()).isZero();

        Stack.Result doctor = cli.run("doctor");
        System.out.println("fazt doctor on a healthy split suite:\n" + doctor.output());

        assertThat(doctor.exitCode()).as(doctor.output()).isZero();
        List<String> lines = checkLines(doctor.output());
        assertThat(lines).as(doctor.output()).isNotEmpty().allMatch(l -> l.startsWith("OK  "));
        for (String service : List.of("gateway", "auth", "deploy", "storage", "runtime", "scheduler", "mail")) {
            assertThat(lines)
                    .as(doctor.output())
                    .anyMatch(l -> l.matches("OK +service +" + service + " +1 instance.*"));
            assertThat(lines).anyMatch(l -> l.matches("OK +database +" + service + " +PostgreSQL .*"));
            assertThat(lines).anyMatch(l -> l.matches("OK +clock +" + service + " .*"));
        }
        assertThat(lines)
                .anyMatch(l -> l.matches("OK +nats +permissions +a publish outside the gateway's role was refused.*"));
        assertThat(lines).anyMatch(l -> l.matches("OK +backup +last backup +backup fazt-backup-.* completed .*"));
        assertThat(doctor.output()).contains(" 0 WARN, 0 FAIL: OK");

        Stack.Result json = cli.run("doctor", "--json");
        assertThat(json.exitCode()).as(json.output()).isZero();
        assertThat(json.output()).contains("\"status\" : \"OK\"");
    }

    @Test
    @Order(2)
    void aStoppedServiceIsAFailNamingItAndExitsOne() throws Exception {
        Path run = suite.stack().home.resolve("run");
        // The supervisor first, so it does not start mail-svc again, then the service.
        kill(run.resolve("supervise/mail.pid"));
        kill(run.resolve("mail.pid"));
        Cli cli = Cli.loggedIn(suite.stack(), suite.edge());

        Stack.Result doctor = cli.run("doctor");
        System.out.println("fazt doctor with mail-svc stopped:\n" + doctor.output());

        assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
        assertThat(checkLines(doctor.output()))
                .as(doctor.output())
                .anyMatch(l -> l.matches("FAIL +service +mail +no instance answered within 2 s"));
        assertThat(doctor.output()).contains("→ start mail-svc");
    }

    @Test
    @Order(3)
    void anUnreachableAdminApiIsOneFailLineAndExitOne() throws Exception {
        Cli cli = Cli.withEnv(
                Map.of("FAZT_URL", "http://127.0.0.1:" + freePort(), "FAZT_TOKEN", "fzt_nobody_listens_here_000000"));

        Stack.Result doctor = cli.run("doctor");

        assertThat(doctor.exitCode()).as(doctor.output()).isEqualTo(1);
        assertThat(checkLines(doctor.output()))
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("FAIL  admin-api").contains("cannot connect to"));
    }

    /** The check lines of a report: everything starting with a status. */
    private static List<String> checkLines(String output) {
        return output.lines().filter(l -> l.matches("(OK|WARN|FAIL) .*")).toList();
    }

    private static void kill(Path pidFile) throws Exception {
        String pid = Files.readString(pidFile).strip();
        Stack.Result killed = Stack.run(List.of("kill", pid), Map.of(), 10);
        assertThat(killed.exitCode())
                .as("kill %s (%s): %s", pid, pidFile, killed.output())
                .isZero();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Stack.running(Long.parseLong(pid)) && System.nanoTime() - deadline < 0) {
            Thread.sleep(100);
        }
        assertThat(Stack.running(Long.parseLong(pid))).as("pid %s ended", pid).isFalse();
    }

    private static int freePort() {
        try {
            return Stack.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
