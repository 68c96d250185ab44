package fazt.auth;

import static fazt.auth.AccountsFixture.ADMIN;
import static fazt.auth.AccountsFixture.BOOTSTRAP;
import static fazt.auth.AccountsFixture.PASSWORD;
import static fazt.auth.AccountsFixture.sessionOf;
import static fazt.auth.AccountsFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.MessageCodec;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AdminSession;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import io.nats.client.Subscription;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, password login with throttling, sessions, disabling, deleting and sign-up, over real NATS and PostgreSQL. */
class AccountsIT {
    @RegisterExtension
    static final AccountsFixture accounts = new AccountsFixture();

    @Test
    void theUnattendedAdminLogsInToAnHttpOnlyLaxSessionWhoseSecretIsStoredOnlyAsAHash() throws Exception {
        AdminCalls.Answer answer = accounts.login(ADMIN, PASSWORD, "192.0.2.10");
        assertThat(answer.status()).isEqualTo(200);
        String cookie = answer.headers().get("Set-Cookie");
        assertThat(cookie)
                .startsWith("fazt_session=fzs_")
                .contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604");
        String secret = sessionOf(answer);
        assertThat(answer.json().path("csrfToken").asText()).isEqualTo(AdminSession.csrfToken(secret));
        Principal who = accounts.principalOf(secret);
        assertThat(who.name()).isEqualTo(ADMIN);
        assertThat(who.scopes()).containsExactly("admin");
        assertThat(who.credential()).startsWith("s_");
        try (var c = accounts.suite().postgres().connect();
                Statement s = c.createStatement()) {
            var r = s.executeQuery(
                    "SELECT length(secret_hash), (SELECT password_hash FROM auth.app_user WHERE username = '" + ADMIN
                            + "') FROM auth.session WHERE id = '" + who.credential() + "'");
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(32);
            assertThat(r.getString(2)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        }
        assertThat(accounts.api()
                        .call("GET", "/me", null, who)
                        .json()
                        .path("name")
                        .asText())
                .isEqualTo(ADMIN);
    }

    @Test
    void everyLoginFailureSaysTheSameThing() throws Exception {
        String dev = uniqueName();
        String id = accounts.createDeveloper(dev);
        accounts.api().call("POST", "/users/" + id + "/disable", null, BOOTSTRAP);
        AdminCalls.Answer wrongPassword = accounts.login(ADMIN, "wrong password!", "192.0.2.20");
        AdminCalls.Answer unknownUser = accounts.login("nobody-" + dev, PASSWORD, "192.0.2.20");
        AdminCalls.Answer disabled = accounts.login(dev, PASSWORD, "192.0.2.20");
        AdminCalls.Answer noBody = accounts.api().call("POST", "/auth/login", null, null, "192.0.2.20");
        for (AdminCalls.Answer a : new AdminCalls.Answer[] {wrongPassword, unknownUser, disabled, noBody}) {
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.json().path("detail").asText())
                    .isEqualTo(wrongPassword.json().path("detail").asText());
            assertThat(a.json().path("type").asText()).isEqualTo("https://errors.fazt.dev/auth/login-failed");
        }
    }

    @Test
    void fiveFailuresLockTheAccountAtThatAddressEvenForTheRightPasswordButNotElsewhere() throws Exception {
        String dev = uniqueName();
        accounts.createDeveloper(dev);
        for (int i = 0; i < 5; i++) {
            assertThat(accounts.login(dev, "not the password", "198.51.100.7").status())
                    .isEqualTo(401);
        }
        assertThat(accounts.login(dev, PASSWORD, "198.51.100.7").status()).isEqualTo(401);
        assertThat(accounts.login(dev, PASSWORD, "203.0.113.99").status())
                .as("the owner elsewhere")
                .isEqualTo(200);
        try (var c = accounts.suite().postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.login_throttle SET locked_until = now() - interval '1 second'"
                    + " WHERE key = 'user-ip:" + dev + " 198.51.100.7'");
        }
        assertThat(accounts.login(dev, PASSWORD, "198.51.100.7").status())
                .as("lockout is temporary")
                .isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() throws Exception {
        String ip = "198.18.0." + (int) (Math.random() * 200);
        for (int i = 0; i < 20; i++) {
            assertThat(accounts.login("nobody" + i, "not the password", ip).status())
                    .isEqualTo(401);
        }
        assertThat(accounts.login(ADMIN, PASSWORD, ip).status()).isEqualTo(401);
        assertThat(accounts.login(ADMIN, PASSWORD, "198.19.0.1").status()).isEqualTo(200);
    }

    @Test
    void sessionsEndWhenIdleOrPastTheirAbsoluteExpiryOrOnLogout() throws Exception {
        String idle = sessionOf(accounts.login(ADMIN, PASSWORD, "192.0.2.30"));
        String old = sessionOf(accounts.login(ADMIN, PASSWORD, "192.0.2.30"));
        String loggedOut = sessionOf(accounts.login(ADMIN, PASSWORD, "192.0.2.30"));
        Principal idleWho = accounts.principalOf(idle),
                oldWho = accounts.principalOf(old),
                outWho = accounts.principalOf(loggedOut);
        try (var c = accounts.suite().postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.session SET last_seen_at = now() - interval '2 hours 1 minute' WHERE id = '"
                    + idleWho.credential() + "'");
            s.executeUpdate("UPDATE auth.session SET expires_at = now() - interval '1 second' WHERE id = '"
                    + oldWho.credential() + "'");
        }
        assertThat(accounts.principalOf(idle)).isNull();
        assertThat(accounts.principalOf(old)).isNull();
        {
            Subscription events = accounts.api()
                    .nats()
                    .subscribe(accounts.suite().nats().root().qualify(AuthSubjects.SESSION_ENDED));
            AdminCalls.Answer out = accounts.api().call("POST", "/auth/logout", null, outWho);
            assertThat(out.status()).isEqualTo(204);
            assertThat(out.headers().get("Set-Cookie")).contains("Max-Age=0");
            assertThat(accounts.principalOf(loggedOut)).isNull();
            AccessRevoked event = MessageCodec.INSTANCE.decode(
                    events.nextMessage(Duration.ofSeconds(5)).getData(), AccessRevoked.class);
            assertThat(event.credential()).isEqualTo(outWho.credential());
        }
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheUserButNotTheirTokens() throws Exception {
        String dev = uniqueName();
        accounts.createDeveloper(dev);
        String a = sessionOf(accounts.login(dev, PASSWORD, "192.0.2.40"));
        String b = sessionOf(accounts.login(dev, PASSWORD, "192.0.2.41"));
        Principal who = accounts.principalOf(a);
        String token = accounts.api()
                .call("POST", "/tokens", "{\"name\":\"ci\",\"scopes\":[\"deploy:blog\"]}", who)
                .json()
                .path("token")
                .asText();
        AdminCalls.Answer all = accounts.api().call("POST", "/auth/logout?everywhere=true", null, who);
        assertThat(all.json().path("sessionsEnded").asInt()).isEqualTo(2);
        assertThat(accounts.principalOf(a)).isNull();
        assertThat(accounts.principalOf(b)).isNull();
        assertThat(accounts.principalOf(token)).isNotNull();
    }

    @Test
    void disablingAUserStopsTheirSessionsAndTokensAndAnnouncesIt() throws Exception {
        String dev = uniqueName();
        String id = accounts.createDeveloper(dev);
        String session = sessionOf(accounts.login(dev, PASSWORD, "192.0.2.60"));
        String token = accounts.api()
                .call("POST", "/tokens", "{\"name\":\"t\",\"scopes\":[\"deploy:*\"]}", accounts.principalOf(session))
                .json()
                .path("token")
                .asText();
        {
            Subscription events = accounts.api()
                    .nats()
                    .subscribe(accounts.suite().nats().root().qualify(AuthSubjects.USER_DISABLED));
            assertThat(accounts.api()
                            .call("POST", "/users/" + dev + "/disable", null, BOOTSTRAP)
                            .json()
                            .path("user")
                            .path("disabled")
                            .asBoolean())
                    .isTrue();
            AccessRevoked event = MessageCodec.INSTANCE.decode(
                    events.nextMessage(Duration.ofSeconds(5)).getData(), AccessRevoked.class);
            assertThat(event.subject()).isEqualTo(id);
            assertThat(event.credential()).isNull();
        }
        assertThat(accounts.principalOf(session)).isNull();
        assertThat(accounts.principalOf(token)).isNull();
        accounts.api().call("POST", "/users/" + id + "/enable", null, BOOTSTRAP);
        assertThat(accounts.principalOf(token))
                .as("tokens come back with the account, sessions do not")
                .isNotNull();
        assertThat(accounts.principalOf(session)).isNull();
    }

    @Test
    void deletingAUserChecksTheHandoverAndKeepsTheUserWhenDeploySvcCannotSettleTheirApps() throws Exception {
        // Apps and their owners live in deploy-svc, which this suite does not run (the handover itself is tested with
        // the real deploy-svc in server's UserAppsHandoverIT): the user must stay, enabled, with working tokens.
        String dev = uniqueName();
        String id = accounts.createDeveloper(dev);
        AdminCalls.Answer badHandover =
                accounts.api().call("DELETE", "/users/" + dev + "?apps=give-away", null, BOOTSTRAP);
        assertThat(badHandover.status()).isEqualTo(400);
        assertThat(badHandover.json().path("errors").get(0).path("field").asText())
                .isEqualTo("apps");
        assertThat(accounts.api()
                        .call("DELETE", "/users/" + dev + "?apps=transfer:" + dev, null, BOOTSTRAP)
                        .status())
                .as("only an active admin can take the apps")
                .isEqualTo(400);
        String token = accounts.api()
                .call(
                        "POST",
                        "/tokens",
                        "{\"name\":\"t\",\"scopes\":[\"deploy:*\"]}",
                        new Principal(id, dev, List.of("deploy:*", "logs:*")))
                .json()
                .path("token")
                .asText();
        AdminCalls.Answer noDeploy =
                accounts.api().call("DELETE", "/users/" + dev + "?apps=transfer:" + ADMIN, null, BOOTSTRAP);
        assertThat(noDeploy.status()).isEqualTo(503);
        assertThat(noDeploy.json().path("type").asText()).endsWith("auth/dependency-unavailable");
        AdminCalls.Answer still = accounts.api().call("GET", "/users/" + dev, null, BOOTSTRAP);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().path("user").path("disabled").asBoolean()).isFalse();
        assertThat(accounts.principalOf(token))
                .as("the user's tokens still work")
                .isNotNull();
        AdminCalls.Answer last = accounts.api().call("DELETE", "/users/" + ADMIN + "?apps=delete", null, BOOTSTRAP);
        assertThat(last.status()).isEqualTo(409);
        assertThat(accounts.api()
                        .call("POST", "/users/" + ADMIN + "/disable", null, BOOTSTRAP)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void signupIsOffUntilAnAdminSwitchesItOn() throws Exception {
        String name = uniqueName();
        String body = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(accounts.api()
                        .call("GET", "/settings/signup", null, BOOTSTRAP)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(accounts.api().call("POST", "/auth/signup", body, null).status())
                .isEqualTo(403);
        assertThat(accounts.api()
                        .call("PUT", "/settings/signup", "{\"enabled\":\"yes\"}", BOOTSTRAP)
                        .status())
                .isEqualTo(400);
        assertThat(accounts.api()
                        .call("PUT", "/settings/signup", "{\"enabled\":true}", BOOTSTRAP)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        AdminCalls.Answer signedUp = accounts.api().call("POST", "/auth/signup", body, null);
        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(signedUp.json().path("user").path("role").asText()).isEqualTo("developer");
        assertThat(accounts.api().call("POST", "/auth/signup", body, null).status())
                .as("username taken")
                .isEqualTo(409);
        accounts.api().call("PUT", "/settings/signup", "{\"enabled\":false}", BOOTSTRAP);
        assertThat(accounts.api()
                        .call("POST", "/auth/signup", body.replace(name, name + "x"), null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badUserInputIsRefusedNamingTheField() throws Exception {
        AdminCalls.Answer shortPassword =
                accounts.api().call("POST", "/users", "{\"username\":\"ok-name\",\"password\":\"short\"}", BOOTSTRAP);
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").get(0).path("field").asText())
                .isEqualTo("password");
        AdminCalls.Answer badRole = accounts.api()
                .call(
                        "POST",
                        "/users",
                        "{\"username\":\"ok-name\",\"password\":\"" + PASSWORD + "\",\"role\":\"root\"}",
                        BOOTSTRAP);
        assertThat(badRole.json().path("errors").get(0).path("field").asText()).isEqualTo("role");
        assertThat(accounts.api()
                        .call(
                                "POST",
                                "/users",
                                "{\"username\":\"bad name\",\"password\":\"" + PASSWORD + "\"}",
                                BOOTSTRAP)
                        .json()
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("username");
        assertThat(accounts.api().call("POST", "/users", "not json", BOOTSTRAP).status())
                .isEqualTo(400);
        assertThat(accounts.api().call("GET", "/users", null, null).status()).isEqualTo(401);
    }
}
