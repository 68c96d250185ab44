package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressTest {
    @ParameterizedTest
    @CsvSource({
        "http://admin.localhost:8080, http://127.0.0.1:8080/_fazt/health, admin.localhost:8080, true",
        "http://localhost:8080/,      http://localhost:8080/_fazt/health, localhost:8080,       false",
        "https://fazt.example.com,    https://fazt.example.com/_fazt/health, fazt.example.com,  false"
    })
    void localhostNamesGoToLoopbackWithTheirHostHeader(String given, String connect, String host, boolean loopback) {
        ServerAddress address = ServerAddress.parse(given);
        assertThat(address.connectUri("/_fazt/health")).hasToString(connect);
        assertThat(address.hostHeader()).isEqualTo(host);
        assertThat(address.loopbackName()).isEqualTo(loopback);
    }

    @Test
    void rejectsWhatIsNotAnHttpUrl() {
        assertThatThrownBy(() -> ServerAddress.parse("ftp://x"))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("expected an http:// or https:// URL");
    }

    @Test
    void helpListsTheCommands() {
        var out = new StringWriter();
        var cli = Fazt.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "status",
                        "generate-completion",
                        "login",
                        "logout",
                        "servers",
                        "deploy",
                        "apps",
                        "versions",
                        "rollback",
                        "pull",
                        "FAZT_URL",
                        "FAZT_TOKEN");
    }

    @Test
    void completionCoversTheNewCommands() {
        var out = new StringWriter();
        var cli = Fazt.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("generate-completion")).isZero();
        assertThat(out.toString())
                .contains("fazt_apps_clone")
                .contains("--server")
                .contains("rollback");
    }

    @Test
    void statusAgainstNothingFailsWithOneLine() {
        var err = new StringWriter();
        var cli = Fazt.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("status", "--url", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString().strip())
                .startsWith("fazt: cannot connect to http://127.0.0.1:1")
                .doesNotContain("\n");
    }
}
