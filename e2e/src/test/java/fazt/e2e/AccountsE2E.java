package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts with the `fazt` command a user types: the unattended admin logs in with a password, creates a developer,
 * the developer deploys and hands CI a token scoped to one app, and deleting the developer hands their app to the
 * admin (refused until the handover is said), while the app keeps serving.
 */
class AccountsE2E {
    static final String ADMIN_PASSWORD = "correct horse battery staple";
    static final String BOB_PASSWORD = "a long developer password";

    @RegisterExtension
    static final RunningStack suite =
            RunningStack.oneJvm().env("FAZT_ADMIN_USER", "ana").env("FAZT_ADMIN_PASSWORD", ADMIN_PASSWORD);

    static String tokenIn(String output) {
        Matcher m = Pattern.compile("fazt_[A-Za-z0-9_-]+").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group();
    }

    @Test
    void aDevelopersAppIsHandedToTheAdminWhenTheDeveloperIsDeleted() throws Exception {
        String admin = "http://admin.localhost:" + suite.stack().httpPort;
        Cli ana = Cli.withEnv(Map.of("FAZT_PASSWORD", ADMIN_PASSWORD, "FAZT_NEW_PASSWORD", BOB_PASSWORD));
        Stack.Result login = ana.run("login", admin, "--user", "ana");
        assertThat(login.exitCode()).as(login.output()).isZero();
        assertThat(ana.run("whoami").output()).contains("ana on", "admin");
        Stack.Result created = ana.run("users", "create", "bob", "--role", "developer");
        assertThat(created.exitCode()).as(created.output()).isZero();

        Cli bob = Cli.withEnv(Map.of("FAZT_PASSWORD", BOB_PASSWORD));
        assertThat(bob.run("login", admin, "--user", "bob").exitCode()).isZero();
        Path site = Files.createTempDirectory("fazt-bob-site-");
        Files.writeString(site.resolve("index.html"), "<h1>bob's site</h1>");
        Stack.Result deployed = bob.run("deploy", site.toString(), "--name", "bobsite");
        assertThat(deployed.exitCode()).as(deployed.output()).isZero();
        Stack.Result token = bob.run("tokens", "create", "ci", "--scope", "deploy:bobsite");
        assertThat(token.exitCode()).as(token.output()).isZero();

        Cli ci = Cli.withEnv(Map.of());
        Stack.Result ciLogin = ci.run("login", tokenIn(token.output()));
        assertThat(ciLogin.exitCode())
                .as("the token string names its server: " + ciLogin.output())
                .isZero();
        assertThat(ci.run("deploy", site.toString(), "--name", "bobsite").exitCode())
                .isZero();
        Stack.Result other = ci.run("deploy", site.toString(), "--name", "othersite");
        assertThat(other.exitCode()).as(other.output()).isEqualTo(1);
        assertThat(other.output()).contains("deploy:othersite");

        assertThat(ana.run("apps", "info", "bobsite").output()).containsPattern("owner:\\s+bob");
        Stack.Result refused = ana.run("users", "delete", "bob");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("bobsite");
        Stack.Result handed = ana.run("users", "delete", "bob", "--apps", "transfer:ana");
        assertThat(handed.exitCode()).as(handed.output()).isZero();
        assertThat(handed.output()).contains("deleted bob (handed to ana: bobsite)");

        assertThat(ana.run("apps", "info", "bobsite").output()).containsPattern("owner:\\s+ana");
        assertThat(bob.run("whoami").exitCode())
                .as("bob's login ended with the account")
                .isNotZero();
        assertThat(ci.run("apps", "list").exitCode())
                .as("and so did his CI token")
                .isNotZero();
        assertThat(Edge.text(suite.edge().get("bobsite.localhost", "/"))).contains("bob's site");
    }
}
