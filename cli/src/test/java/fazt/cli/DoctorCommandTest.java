package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fazt doctor}'s rendering and exit codes: FAIL exits 1, WARN alone 0, an unreachable admin API is a FAIL. */
class DoctorCommandTest {
    static final String WARNED = "{\"status\":\"WARN\",\"checkedAt\":\"2026-12-08T01:00:00Z\",\"checkedBy\":\"gw-1\","
            + "\"checks\":["
            + "{\"area\":\"nats\",\"name\":\"connection\",\"status\":\"OK\",\"measured\":\"connected\",\"advice\":null},"
            + "{\"area\":\"nats\",\"name\":\"permissions\",\"status\":\"WARN\",\"measured\":\"not enforced\","
            + "\"advice\":\"give each service its own NATS identity\"}]}";
    static final String FAILED = "{\"status\":\"FAIL\",\"checkedAt\":\"2026-12-08T01:00:00Z\",\"checkedBy\":\"gw-1\","
            + "\"checks\":["
            + "{\"area\":\"service\",\"name\":\"deploy\",\"status\":\"FAIL\","
            + "\"measured\":\"no instance answered within 2 s\",\"advice\":\"start deploy-svc\"}]}";

    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    @Test
    void warningsAloneExitZeroAndShowWhatToDo() {
        cli.server().json("GET /api/doctor", 200, WARNED);

        CliRun run = cli.run("doctor");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("OK    nats        connection")
                .contains("WARN  nats        permissions                  not enforced\n"
                        + "      → give each service its own NATS identity\n")
                .contains("1 OK, 1 WARN, 0 FAIL: WARN");
        assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer " + FakeAdminServer.TOKEN);
    }

    @Test
    void aFailExitsOneAndJsonIsTheServersReport() {
        cli.server().json("GET /api/doctor", 200, FAILED);

        CliRun run = cli.run("doctor");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  service     deploy").contains("→ start deploy-svc");

        CliRun json = cli.run("doctor", "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).contains("\"status\" : \"FAIL\"").contains("\"name\" : \"deploy\"");
    }

    @Test
    void anUnreachableAdminApiIsOneFailLineAndExitOne() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cli.env().put("FAZT_URL", "http://127.0.0.1:" + closed);

        CliRun run = cli.run("doctor");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAIL  admin-api   -")
                .contains("cannot connect to http://127.0.0.1:" + closed)
                .contains("0 OK, 0 WARN, 1 FAIL: FAIL");
    }

    @Test
    void aRefusedTokenIsAFailToo() {
        cli.server()
                .problem(
                        "GET /api/doctor",
                        403,
                        "{\"type\":\"https://errors.fazt.dev/gateway/forbidden\",\"title\":\"Forbidden\","
                                + "\"status\":403,\"detail\":\"needs scope admin\"}");

        CliRun run = cli.run("doctor");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  admin-api").contains("needs scope admin (gateway/forbidden)");
    }
}
