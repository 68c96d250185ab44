package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** login with a token string or a password, whoami, tokens and users against a stand-in admin API. */
class AuthCommandsTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    private String tokenString(String url) {
        return "fazt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8))
                + "_Abc23secretXyz";
    }

    @Test
    void aTokenStringIsAllLoginNeeds() {
        cli.env().remove("FAZT_URL");
        cli.env().remove("FAZT_TOKEN");
        cli.server().json("GET /api/apps", 200, "{\"apps\":[]}");
        String token = tokenString(cli.server().url());

        CliRun run = cli.run("login", token);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cli.server().last().header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(ConfigStore.of(cli.env()).find("admin.localhost").server().uri())
                .hasToString(cli.server().url());
    }

    @Test
    void aPasswordLoginTradesTheCredentialsForAMachineToken() throws Exception {
        cli.env().remove("FAZT_URL");
        cli.env().remove("FAZT_TOKEN");
        cli.env().put("FAZT_PASSWORD", "correct horse battery");
        cli.server().json("POST /api/auth/login", 201, "{\"id\":\"t_1\",\"token\":\"fazt_x_fromPassword\"}");
        cli.server().json("GET /api/apps", 200, "{\"apps\":[]}");

        CliRun run = cli.run("login", cli.server().url(), "--user", "ana");

        assertThat(run.exit()).as(run.err()).isZero();
        FakeAdminServer.Request login = cli.server().requests.getFirst();
        JsonNode body = AdminClient.JSON.readTree(login.text());
        assertThat(body.path("username").asText()).isEqualTo("ana");
        assertThat(body.path("password").asText()).isEqualTo("correct horse battery");
        assertThat(body.path("tokenName").asText()).startsWith("fazt CLI on ");
        assertThat(login.header("Authorization")).isNull();
        assertThat(ConfigStore.of(cli.env()).find("admin.localhost").token()).isEqualTo("fazt_x_fromPassword");
    }

    @Test
    void aFailedPasswordLoginSavesNothingAndSaysTheServersGenericMessage() {
        cli.env().remove("FAZT_URL");
        cli.env().remove("FAZT_TOKEN");
        cli.env().put("FAZT_PASSWORD", "wrong");
        cli.server()
                .problem(
                        "POST /api/auth/login",
                        401,
                        "{\"type\":\"https://errors.fazt.dev/auth/login-failed\","
                                + "\"title\":\"Login failed\",\"status\":401,\"detail\":\"Invalid username or password, or too many attempts; try again later.\"}");

        CliRun run = cli.run("login", cli.server().url(), "--user", "ana");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Invalid username or password");
        assertThat(Files.exists(ConfigStore.of(cli.env()).file())).isFalse();
    }

    @Test
    void whoamiShowsNameAndScopes() {
        cli.server()
                .json(
                        "GET /api/me",
                        200,
                        "{\"subject\":\"u_1\",\"name\":\"ana\",\"scopes\":[\"deploy:*\",\"logs:*\"],\"credential\":\"t_9\"}");

        CliRun run = cli.run("whoami");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ana on " + cli.server().url()).contains("scopes:     deploy:* logs:*");
    }

    @Test
    void tokensCreateSendsScopesAndExpiryAndPrintsTheTokenOnly() throws Exception {
        cli.server().json("POST /api/tokens", 201, "{\"id\":\"t_2\",\"token\":\"fazt_u_secret\"}");

        CliRun run = cli.run(
                "tokens", "create", "ci-blog", "--scope", "deploy:blog", "--scope", "logs:blog", "--expires-in", "30");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("fazt_u_secret\n");
        JsonNode body = AdminClient.JSON.readTree(cli.server().last().text());
        assertThat(body.path("scopes").toString()).isEqualTo("[\"deploy:blog\",\"logs:blog\"]");
        assertThat(body.path("expiresInDays").asInt()).isEqualTo(30);
    }

    @Test
    void tokensRevokeAndListUseTheirRoutes() {
        cli.server().json("DELETE /api/tokens/t_2", 200, "{\"id\":\"t_2\",\"status\":\"revoked\"}");
        cli.server()
                .json(
                        "GET /api/tokens",
                        200,
                        "{\"tokens\":[{\"id\":\"t_2\",\"name\":\"ci\",\"scopes\":[\"read\"],"
                                + "\"status\":\"revoked\"}]}");

        assertThat(cli.run("tokens", "revoke", "t_2").out()).isEqualTo("revoked t_2\n");
        CliRun list = cli.run("tokens", "list");
        assertThat(list.out()).contains("t_2", "ci", "read", "revoked");
    }

    @Test
    void usersDeleteSaysWhatHappenedToTheAppsAndPassesTheServersRefusalOn() {
        cli.server()
                .problem(
                        "DELETE /api/users/bob",
                        409,
                        "{\"type\":\"https://errors.fazt.dev/auth/conflict\","
                                + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"bob owns 2 app(s) (blog, shop); say what happens"
                                + " to them\",\"errors\":[{\"field\":\"apps\",\"message\":\"bob owns 2 app(s)\"}]}");
        CliRun refused = cli.run("users", "delete", "bob");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("blog, shop");
        assertThat(cli.server().last().query()).isNull();
        assertThat(cli.run("users", "delete", "bob", "--apps", "give-away").exit())
                .isEqualTo(1);

        cli.server()
                .json(
                        "DELETE /api/users/bob",
                        200,
                        "{\"deleted\":{\"username\":\"bob\"},\"apps\":{\"handover\":"
                                + "\"transfer:ana\",\"affected\":2,\"names\":[\"blog\",\"shop\"]}}");
        CliRun ok = cli.run("users", "delete", "bob", "--apps", "transfer:ana");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("deleted bob (handed to ana: blog, shop)\n");
        assertThat(cli.server().last().path()).isEqualTo("/api/users/bob");
        assertThat(cli.server().last().query()).isEqualTo("apps=transfer:ana");

        cli.server()
                .json(
                        "DELETE /api/users/bob",
                        200,
                        "{\"apps\":{\"handover\":\"delete\",\"affected\":1," + "\"names\":[\"blog\"]}}");
        assertThat(cli.run("users", "delete", "bob", "--apps", "delete").out())
                .isEqualTo("deleted bob (deleted blog)\n");
        cli.server()
                .json("DELETE /api/users/bob", 200, "{\"apps\":{\"handover\":\"none\",\"affected\":0,\"names\":[]}}");
        assertThat(cli.run("users", "delete", "bob").out()).isEqualTo("deleted bob (no apps)\n");
    }

    @Test
    void usersCreateReadsThePasswordFromTheEnvironmentInScripts() throws Exception {
        cli.env().put("FAZT_NEW_PASSWORD", "a long password");
        cli.server()
                .json(
                        "POST /api/users",
                        201,
                        "{\"user\":{\"id\":\"u_3\",\"username\":\"bob\",\"role\":\"developer\"}}");

        CliRun run = cli.run("users", "create", "bob");

        assertThat(run.out()).isEqualTo("created developer bob (u_3)\n");
        JsonNode body = AdminClient.JSON.readTree(cli.server().last().text());
        assertThat(body.path("password").asText()).isEqualTo("a long password");
        assertThat(body.path("role").asText()).isEqualTo("developer");
    }
}
