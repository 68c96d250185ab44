package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AdminSession;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Users, password login with throttling, sessions, scoped tokens and revocation, over real NATS and PostgreSQL. */
class AccountsIT {
    static final String ADMIN = "root-admin";
    static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService())
            .with("FAZT_ADMIN_USER", ADMIN)
            .with("FAZT_ADMIN_PASSWORD", PASSWORD)
            .with("FAZT_ADMIN_TOKEN", "it-admin-token-0123456789abcdef");

    static AdminCalls api;
    static final Principal BOOTSTRAP = new Principal("bootstrap", "bootstrap admin", List.of("admin"), "bootstrap");

    @BeforeAll
    static void connect() throws Exception {
        api = new AdminCalls(suite);
    }

    @AfterAll
    static void close() throws Exception {
        api.close();
    }

    static String sessionOf(AdminCalls.Answer login) {
        String cookie = login.headers().get("Set-Cookie");
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    static AdminCalls.Answer login(String user, String password, String ip) throws Exception {
        return api.call(
                "POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null, ip);
    }

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Principal principalOf(String secret) throws Exception {
        TokenVerifyReply reply = api.verify(secret);
        return reply.valid() ? reply.principal() : null;
    }

    static String createDeveloper(String name) throws Exception {
        AdminCalls.Answer created = api.call(
                "POST",
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"developer\"}",
                BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        return created.json().path("user").path("id").asText();
    }

    @Test
    void theUnattendedAdminLogsInToAnHttpOnlyLaxSessionWhoseSecretIsStoredOnlyAsAHash() throws Exception {
        AdminCalls.Answer answer = login(ADMIN, PASSWORD, "192.0.2.10");
        assertThat(answer.status()).isEqualTo(200);
        String cookie = answer.headers().get("Set-Cookie");
        assertThat(cookie)
                .startsWith("fazt_session=fzs_")
                .contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=604");
        String secret = sessionOf(answer);
        assertThat(answer.json().path("csrfToken").asText()).isEqualTo(AdminSession.csrfToken(secret));
        Principal who = principalOf(secret);
        assertThat(who.name()).isEqualTo(ADMIN);
        assertThat(who.scopes()).containsExactly("admin");
        assertThat(who.credential()).startsWith("s_");
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            var r = s.executeQuery(
                    "SELECT length(secret_hash), (SELECT password_hash FROM auth.app_user WHERE username = '" + ADMIN
                            + "') FROM auth.session WHERE id = '" + who.credential() + "'");
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(32);
            assertThat(r.getString(2)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        }
        assertThat(api.call("GET", "/me", null, who).json().path("name").asText())
                .isEqualTo(ADMIN);
    }

    @Test
    void everyLoginFailureSaysTheSameThing() throws Exception {
        String dev = uniqueName();
        String id = createDeveloper(dev);
        api.call("POST", "/users/" + id + "/disable", null, BOOTSTRAP);
        AdminCalls.Answer wrongPassword = login(ADMIN, "wrong password!", "192.0.2.20");
        AdminCalls.Answer unknownUser = login("nobody-" + dev, PASSWORD, "192.0.2.20");
        AdminCalls.Answer disabled = login(dev, PASSWORD, "192.0.2.20");
        AdminCalls.Answer noBody = api.call("POST", "/auth/login", null, null, "192.0.2.20");
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
        createDeveloper(dev);
        for (int i = 0; i < 5; i++) {
            assertThat(login(dev, "not the password", "198.51.100.7").status()).isEqualTo(401);
        }
        assertThat(login(dev, PASSWORD, "198.51.100.7").status()).isEqualTo(401);
        assertThat(login(dev, PASSWORD, "203.0.113.99").status())
                .as("the owner elsewhere")
                .isEqualTo(200);
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.login_throttle SET locked_until = now() - interval '1 second'"
                    + " WHERE key = 'user-ip:" + dev + " 198.51.100.7'");
        }
        assertThat(login(dev, PASSWORD, "198.51.100.7").status())
                .as("lockout is temporary")
                .isEqualTo(200);
    }

    @Test
    void twentyFailuresFromOneAddressLockThatAddressForEveryAccount() throws Exception {
        String ip = "198.18.0." + (int) (Math.random() * 200);
        for (int i = 0; i < 20; i++) {
            assertThat(login("nobody" + i, "not the password", ip).status()).isEqualTo(401);
        }
        assertThat(login(ADMIN, PASSWORD, ip).status()).isEqualTo(401);
        assertThat(login(ADMIN, PASSWORD, "198.19.0.1").status()).isEqualTo(200);
    }

    @Test
    void sessionsEndWhenIdleOrPastTheirAbsoluteExpiryOrOnLogout() throws Exception {
        String idle = sessionOf(login(ADMIN, PASSWORD, "192.0.2.30"));
        String old = sessionOf(login(ADMIN, PASSWORD, "192.0.2.30"));
        String loggedOut = sessionOf(login(ADMIN, PASSWORD, "192.0.2.30"));
        Principal idleWho = principalOf(idle), oldWho = principalOf(old), outWho = principalOf(loggedOut);
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.session SET last_seen_at = now() - interval '2 hours 1 minute' WHERE id = '"
                    + idleWho.credential() + "'");
            s.executeUpdate("UPDATE auth.session SET expires_at = now() - interval '1 second' WHERE id = '"
                    + oldWho.credential() + "'");
        }
        assertThat(principalOf(idle)).isNull();
        assertThat(principalOf(old)).isNull();
        {
            Subscription events = api.nats().subscribe(suite.nats().root().qualify(AuthSubjects.SESSION_ENDED));
            AdminCalls.Answer out = api.call("POST", "/auth/logout", null, outWho);
            assertThat(out.status()).isEqualTo(204);
            assertThat(out.headers().get("Set-Cookie")).contains("Max-Age=0");
            assertThat(principalOf(loggedOut)).isNull();
            AccessRevoked event = MessageCodec.INSTANCE.decode(
                    events.nextMessage(Duration.ofSeconds(5)).getData(), AccessRevoked.class);
            assertThat(event.credential()).isEqualTo(outWho.credential());
        }
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheUserButNotTheirTokens() throws Exception {
        String dev = uniqueName();
        createDeveloper(dev);
        String a = sessionOf(login(dev, PASSWORD, "192.0.2.40"));
        String b = sessionOf(login(dev, PASSWORD, "192.0.2.41"));
        Principal who = principalOf(a);
        String token = api.call("POST", "/tokens", "{\"name\":\"ci\",\"scopes\":[\"deploy:blog\"]}", who)
                .json()
                .path("token")
                .asText();
        AdminCalls.Answer all = api.call("POST", "/auth/logout?everywhere=true", null, who);
        assertThat(all.json().path("sessionsEnded").asInt()).isEqualTo(2);
        assertThat(principalOf(a)).isNull();
        assertThat(principalOf(b)).isNull();
        assertThat(principalOf(token)).isNotNull();
    }

    @Test
    void aTokenIsShownOnceCarriesTheServerUrlAndIsRevocableWithAnEvent() throws Exception {
        AdminCalls.Answer created = api.call(
                "POST",
                "/tokens",
                "{\"name\":\"deploy blog\",\"scopes\":[\"deploy:blog\",\"logs:blog\"],\"expiresInDays\":30}",
                BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asText();
        String url = token.substring(5, token.lastIndexOf('_'));
        assertThat(new String(Base64.getUrlDecoder().decode(url), StandardCharsets.UTF_8))
                .isEqualTo("https://admin.example.test");
        Principal who = principalOf(token);
        assertThat(who.scopes()).containsExactly("deploy:blog", "logs:blog");
        assertThat(who.allows("deploy:blog")).isTrue();
        assertThat(who.allows("deploy:shop")).isFalse();
        String id = created.json().path("id").asText();
        JsonNode listed = api.call("GET", "/tokens", null, BOOTSTRAP).json().path("tokens");
        JsonNode mine = null;
        for (JsonNode t : listed) {
            if (t.path("id").asText().equals(id)) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.has("token")).as("the secret is shown only at creation").isFalse();
        assertThat(mine.path("lastUsedAt").isNull()).isFalse();
        {
            Subscription events = api.nats().subscribe(suite.nats().root().qualify(AuthSubjects.TOKEN_REVOKED));
            assertThat(api.call("DELETE", "/tokens/" + id, null, BOOTSTRAP)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("revoked");
            Message m = events.nextMessage(Duration.ofSeconds(5));
            assertThat(MessageCodec.INSTANCE
                            .decode(m.getData(), AccessRevoked.class)
                            .credential())
                    .isEqualTo(id);
        }
        assertThat(principalOf(token)).isNull();
    }

    @Test
    void aTokenCannotHoldMoreThanItsCreatorAndBadScopesAreRefused() throws Exception {
        String dev = uniqueName();
        createDeveloper(dev);
        Principal who = principalOf(sessionOf(login(dev, PASSWORD, "192.0.2.50")));
        assertThat(api.call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"admin\"]}", who)
                        .status())
                .isEqualTo(403);
        AdminCalls.Answer bad = api.call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"deploy:Bad App\"]}", who);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("scopes");
        assertThat(api.call(
                                "POST",
                                "/tokens",
                                "{\"name\":\"x\",\"scopes\":[\"deploy:blog\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                                who)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"deploy:blog\"]}", who)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anExpiredTokenIsInvalid() throws Exception {
        AdminCalls.Answer created =
                api.call("POST", "/tokens", "{\"name\":\"short\",\"scopes\":[\"read\"]}", BOOTSTRAP);
        String token = created.json().path("token").asText();
        assertThat(principalOf(token)).isNotNull();
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.api_token SET expires_at = now() - interval '1 second' WHERE id = '"
                    + created.json().path("id").asText() + "'");
        }
        assertThat(principalOf(token)).isNull();
    }

    @Test
    void disablingAUserStopsTheirSessionsAndTokensAndAnnouncesIt() throws Exception {
        String dev = uniqueName();
        String id = createDeveloper(dev);
        String session = sessionOf(login(dev, PASSWORD, "192.0.2.60"));
        String token = api.call("POST", "/tokens", "{\"name\":\"t\",\"scopes\":[\"deploy:*\"]}", principalOf(session))
                .json()
                .path("token")
                .asText();
        {
            Subscription events = api.nats().subscribe(suite.nats().root().qualify(AuthSubjects.USER_DISABLED));
            assertThat(api.call("POST", "/users/" + dev + "/disable", null, BOOTSTRAP)
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
        assertThat(principalOf(session)).isNull();
        assertThat(principalOf(token)).isNull();
        api.call("POST", "/users/" + id + "/enable", null, BOOTSTRAP);
        assertThat(principalOf(token))
                .as("tokens come back with the account, sessions do not")
                .isNotNull();
        assertThat(principalOf(session)).isNull();
    }

    @Test
    void deletingAUserChecksTheHandoverAndKeepsTheUserWhenDeploySvcCannotSettleTheirApps() throws Exception {
        // Apps and their owners live in deploy-svc, which this suite does not run (the handover itself is tested with
        // the real deploy-svc in server's UserAppsHandoverIT): the user must stay, enabled, with working tokens.
        String dev = uniqueName();
        String id = createDeveloper(dev);
        AdminCalls.Answer badHandover = api.call("DELETE", "/users/" + dev + "?apps=give-away", null, BOOTSTRAP);
        assertThat(badHandover.status()).isEqualTo(400);
        assertThat(badHandover.json().path("errors").get(0).path("field").asText())
                .isEqualTo("apps");
        assertThat(api.call("DELETE", "/users/" + dev + "?apps=transfer:" + dev, null, BOOTSTRAP)
                        .status())
                .as("only an active admin can take the apps")
                .isEqualTo(400);
        String token = api.call(
                        "POST",
                        "/tokens",
                        "{\"name\":\"t\",\"scopes\":[\"deploy:*\"]}",
                        new Principal(id, dev, List.of("deploy:*", "logs:*")))
                .json()
                .path("token")
                .asText();
        AdminCalls.Answer noDeploy = api.call("DELETE", "/users/" + dev + "?apps=transfer:" + ADMIN, null, BOOTSTRAP);
        assertThat(noDeploy.status()).isEqualTo(503);
        assertThat(noDeploy.json().path("type").asText()).endsWith("auth/dependency-unavailable");
        AdminCalls.Answer still = api.call("GET", "/users/" + dev, null, BOOTSTRAP);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().path("user").path("disabled").asBoolean()).isFalse();
        assertThat(principalOf(token)).as("the user's tokens still work").isNotNull();
        AdminCalls.Answer last = api.call("DELETE", "/users/" + ADMIN + "?apps=delete", null, BOOTSTRAP);
        assertThat(last.status()).isEqualTo(409);
        assertThat(api.call("POST", "/users/" + ADMIN + "/disable", null, BOOTSTRAP)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void signupIsOffUntilAnAdminSwitchesItOn() throws Exception {
        String name = uniqueName();
        String body = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}";
        assertThat(api.call("GET", "/settings/signup", null, BOOTSTRAP)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isFalse();
        assertThat(api.call("POST", "/auth/signup", body, null).status()).isEqualTo(403);
        assertThat(api.call("PUT", "/settings/signup", "{\"enabled\":\"yes\"}", BOOTSTRAP)
                        .status())
                .isEqualTo(400);
        assertThat(api.call("PUT", "/settings/signup", "{\"enabled\":true}", BOOTSTRAP)
                        .json()
                        .path("enabled")
                        .asBoolean())
                .isTrue();
        AdminCalls.Answer signedUp = api.call("POST", "/auth/signup", body, null);
        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(signedUp.json().path("user").path("role").asText()).isEqualTo("developer");
        assertThat(api.call("POST", "/auth/signup", body, null).status())
                .as("username taken")
                .isEqualTo(409);
        api.call("PUT", "/settings/signup", "{\"enabled\":false}", BOOTSTRAP);
        assertThat(api.call("POST", "/auth/signup", body.replace(name, name + "x"), null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badUserInputIsRefusedNamingTheField() throws Exception {
        AdminCalls.Answer shortPassword =
                api.call("POST", "/users", "{\"username\":\"ok-name\",\"password\":\"short\"}", BOOTSTRAP);
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").get(0).path("field").asText())
                .isEqualTo("password");
        AdminCalls.Answer badRole = api.call(
                "POST",
                "/users",
                "{\"username\":\"ok-name\",\"password\":\"" + PASSWORD + "\",\"role\":\"root\"}",
                BOOTSTRAP);
        assertThat(badRole.json().path("errors").get(0).path("field").asText()).isEqualTo("role");
        assertThat(api.call(
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
        assertThat(api.call("POST", "/users", "not json", BOOTSTRAP).status()).isEqualTo(400);
        assertThat(api.call("GET", "/users", null, null).status()).isEqualTo(401);
    }

    @Test
    void thePasswordCanBuyATokenForTheCliInsteadOfASession() throws Exception {
        String dev = uniqueName();
        createDeveloper(dev);
        AdminCalls.Answer answer = api.call(
                "POST",
                "/auth/login",
                "{\"username\":\"" + dev + "\",\"password\":\"" + PASSWORD
                        + "\",\"tokenName\":\"fazt CLI\",\"expiresInDays\":90}",
                null,
                "192.0.2.70");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).doesNotContainKey("Set-Cookie");
        Principal who = principalOf(answer.json().path("token").asText());
        assertThat(who.scopes()).containsExactly("deploy:*", "logs:*");
        assertThat(who.credential()).startsWith("t_");
        AdminCalls.Answer wrong = api.call(
                "POST",
                "/auth/login",
                "{\"username\":\"" + dev + "\",\"password\":\"wrong password\",\"tokenName\":\"fazt CLI\"}",
                null,
                "192.0.2.70");
        assertThat(wrong.status()).isEqualTo(401);
    }

    static List<String> listedIds(Principal who) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        api.call("GET", "/tokens", null, who)
                .json()
                .path("tokens")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    @Test
    void aTokenMintedWithTheBootstrapTokenOwnsOnlyWhatItMints() throws Exception {
        AdminCalls.Answer operator =
                api.call("POST", "/tokens", "{\"name\":\"operator\",\"scopes\":[\"admin\"]}", BOOTSTRAP);
        AdminCalls.Answer logs =
                api.call("POST", "/tokens", "{\"name\":\"logs\",\"scopes\":[\"logs:blog\"]}", BOOTSTRAP);
        String operatorId = operator.json().path("id").asText();
        Principal logsToken = principalOf(logs.json().path("token").asText());
        assertThat(logsToken.credential()).isEqualTo(logs.json().path("id").asText());

        assertThat(listedIds(BOOTSTRAP))
                .contains(operatorId, logs.json().path("id").asText());
        assertThat(listedIds(logsToken)).doesNotContain(operatorId);
        assertThat(api.call("GET", "/tokens?all=true", null, logsToken).status())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/tokens/" + operatorId, null, logsToken).status())
                .as("another credential's token is not found")
                .isEqualTo(404);
        assertThat(principalOf(operator.json().path("token").asText())).isNotNull();

        AdminCalls.Answer child =
                api.call("POST", "/tokens", "{\"name\":\"child\",\"scopes\":[\"logs:blog\"]}", logsToken);
        assertThat(child.status()).isEqualTo(201);
        String childId = child.json().path("id").asText();
        assertThat(listedIds(logsToken)).containsExactly(childId);
        assertThat(listedIds(BOOTSTRAP)).doesNotContain(childId);
        assertThat(api.call("DELETE", "/tokens/" + childId, null, logsToken).status())
                .isEqualTo(200);
    }

    @Test
    void aTokenCannotMintAChildThatOutlivesIt() throws Exception {
        AdminCalls.Answer parent = api.call(
                "POST", "/tokens", "{\"name\":\"parent\",\"scopes\":[\"read\"],\"expiresInDays\":2}", BOOTSTRAP);
        java.time.Instant parentExpiry =
                java.time.Instant.parse(parent.json().path("expiresAt").asText());
        Principal who = principalOf(parent.json().path("token").asText());

        AdminCalls.Answer forever = api.call("POST", "/tokens", "{\"name\":\"forever\",\"scopes\":[\"read\"]}", who);
        assertThat(forever.status()).isEqualTo(201);
        assertThat(java.time.Instant.parse(forever.json().path("expiresAt").asText()))
                .isEqualTo(parentExpiry);
        AdminCalls.Answer longer =
                api.call("POST", "/tokens", "{\"name\":\"longer\",\"scopes\":[\"read\"],\"expiresInDays\":30}", who);
        assertThat(java.time.Instant.parse(longer.json().path("expiresAt").asText()))
                .isEqualTo(parentExpiry);
        AdminCalls.Answer shorter =
                api.call("POST", "/tokens", "{\"name\":\"shorter\",\"scopes\":[\"read\"],\"expiresInDays\":1}", who);
        assertThat(java.time.Instant.parse(shorter.json().path("expiresAt").asText()))
                .isBefore(parentExpiry);
    }
}
